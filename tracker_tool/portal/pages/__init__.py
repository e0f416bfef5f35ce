"""The server-rendered pages: each works with JavaScript switched off."""
