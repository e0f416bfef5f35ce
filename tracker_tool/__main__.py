from tracker_tool.cli import main

main()
