"""Signals other apps listen to, so organisations never import them (see ARCHITECTURE.md).

``person_anonymised`` is sent with ``user`` (still carrying the person's name and e-mail) inside
the transaction that anonymises them: each app clears or relabels what points at the person.
"""

from django.dispatch import Signal

person_anonymised = Signal()
