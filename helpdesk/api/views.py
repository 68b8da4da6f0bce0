from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse
from django.views.decorators.csrf import csrf_exempt


@csrf_exempt
@login_not_required
def endpoint(request):
    return HttpResponse("<doc/>", content_type="text/xml")
