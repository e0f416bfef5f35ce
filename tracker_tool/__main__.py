from tracker_tool.cli.main import main

main()
