"""The takeover file (Overnamedossier) of an introduction in negotiation.

- ``steps``: the operator's list of steps (``data/takeover_steps.json`` or their own file);
- ``dossier``: open a file, show it to the two sides, record changes and documents, tell the
  other side, remind of overdue steps, and count progress for recruiters (counts only);
- ``letter``: what the draft letter of intent (intentieverklaring) says, from both sides' data.
"""
