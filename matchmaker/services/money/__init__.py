"""Money in a takeover, honestly: goodwill read through advisers' methods, independent advice.

- ``advisers``: the operator's list of where to get advice (never paid placement);
- ``guidance``: what a listing's asking goodwill means, for its page and its printout.
"""
