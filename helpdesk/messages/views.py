from django.conf import settings
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.decorators import any_role
from helpdesk.messages.markdown import render_markdown
from helpdesk.messages.throttle import allow_preview

PREVIEW_MAX_CHARS = 100_000


@require_POST
@any_role
def markdown_preview(request):
    if not allow_preview(request.user):
        response = HttpResponse(
            _("Too many previews in a short time; the preview resumes in a few seconds."),
            status=429,
        )
        response["Retry-After"] = str(settings.PREVIEW_RATE_LIMIT[1])
        return response
    text = request.POST.get("content", "")
    if len(text) > PREVIEW_MAX_CHARS:
        return HttpResponseBadRequest(_("The text is too long to preview."))
    return HttpResponse(render_markdown(text))
