from accounts.impersonation import effective_user


class ImpersonationMiddleware:
    """Runs the request as the impersonated client when staff act as one (`ticket.su`)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request.real_user = request.user
        request.user = effective_user(request.session, request.user)
        return self.get_response(request)
