from django.shortcuts import render

from accounts.decorators import role_required
from accounts.roles import Role


@role_required(Role.ADMIN)
def queue(request):
    return render(request, "desk/tickets/queue.html")
