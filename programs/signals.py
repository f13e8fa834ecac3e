"""Signals programs sends: ``program_generated`` once a background job's program is committed
(``program``, ``questionnaire``); the coach listens to write the plan's narrative."""

from django.dispatch import Signal

program_generated = Signal()
