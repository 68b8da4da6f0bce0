"""Form pieces shared by the desk and the portal message forms."""

from django import forms
from markdownx.widgets import MarkdownxWidget


def markdown_editor(rows=6):
    """The Markdown editor with its live preview (previews go through the one renderer)."""
    return MarkdownxWidget(attrs={"rows": rows})


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input; the limits are checked by the action (check_files)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        kwargs.setdefault("required", False)
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data]
        return [super(MultipleFileField, self).clean(each, initial) for each in files if each]
