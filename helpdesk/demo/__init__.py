"""Demo data for development and performance work (`manage.py seed_demo`). Not an app."""
