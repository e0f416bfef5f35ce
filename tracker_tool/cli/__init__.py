"""The click commands: parse options, call the api, render, set the exit status."""
