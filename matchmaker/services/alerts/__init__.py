"""Saved searches and their alerts.

- ``searches``: save, list, change and delete searches; the one-click unsubscribe;
- ``matcher``: which searches a listing fits (all searches' criteria as numpy columns,
  kept until a search changes; the match score for the owners' profiles in one pass);
- ``sender``: raise an alert once per search and listing, tell the owner in the bell at once,
  email at once or in a daily or weekly digest.
"""
