#!/usr/bin/env python
"""django-helpdesk's site for the side-by-side benchmark (run with bench/peer/.venv/bin/python)."""

import os
import sys

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "peersite.settings")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
