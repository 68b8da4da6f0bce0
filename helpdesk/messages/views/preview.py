from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import any_role
from helpdesk.messages.actions import MAX_BODY_CHARS
from helpdesk.messages.markdown import render_markdown
from helpdesk.messages.throttle import allow_preview, preview_slot


@require_POST
@any_role
def markdown_preview(request):
    if not allow_preview(request.user):
        sentence = _("Too many previews in a short time; the preview resumes in a few seconds.")
        return try_again_later(sentence, seconds=settings.PREVIEW_RATE_LIMIT[1])
    text = request.POST.get("content", "")
    if len(text) > MAX_BODY_CHARS:  # a preview is of a message that could be sent
        return HttpResponseBadRequest(_("The text is too long to preview."))
    with preview_slot() as rendering:
        if not rendering:
            sentence = _("The preview is busy; it resumes in a few seconds.")
            return try_again_later(sentence, seconds=2)
        return HttpResponse(render_markdown(text))


def try_again_later(sentence, *, seconds):
    response = HttpResponse(sentence, status=429)
    response["Retry-After"] = str(seconds)
    return response
