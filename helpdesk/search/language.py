"""Which PostgreSQL text search configuration the installation's language uses. The
stored vectors are built with it when the migrations run; `simple` is always added
beside it, so codes, IPs and hostnames are indexed as written."""

from django.conf import settings

CONFIGS = {
    "da": "danish",
    "de": "german",
    "en": "english",
    "es": "spanish",
    "fi": "finnish",
    "fr": "french",
    "hu": "hungarian",
    "it": "italian",
    "nl": "dutch",
    "no": "norwegian",
    "pt": "portuguese",
    "ro": "romanian",
    "ru": "russian",
    "sv": "swedish",
    "tr": "turkish",
}


def text_search_config() -> str:
    """The configuration of `LANGUAGE_CODE` ("es-ar" → spanish), `simple` when PostgreSQL
    has none for it."""
    return CONFIGS.get(settings.LANGUAGE_CODE.split("-")[0].lower(), "simple")
