"""The returns portal: services upload their trackers in a browser or through a JSON API, and
commissioners see every return, its audit and what changed.

A Django project sitting above ``tracker_tool.api``: the check stays the library's, the portal
only stores and shows what the library returns. Nothing in the library imports it, and the
command line imports it only inside ``serve`` and ``portal``, so Django is never loaded to
validate a file. Needs ``pip install 'tracker-tool[portal]'``.
"""
