"""The shortlist: starred and hidden listings, a holder's starred candidates, comparing.

``marks`` holds the reads and writes every list needs (and imports nothing of matching, so
matching can use it); ``pages`` builds the shortlist and compare pages on top of matching.
"""
