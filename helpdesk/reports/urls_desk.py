"""The reports' desk pages, /desk/reports/."""

from django.urls import path

from helpdesk.reports.views import desk

urlpatterns = [
    path("reports/", desk.report_response, name="report_response"),
    path("reports/response.csv", desk.report_response_csv, name="report_response_csv"),
    path("reports/load/", desk.report_load, name="report_load"),
    path("reports/load.csv", desk.report_load_csv, name="report_load_csv"),
    path("reports/clients/", desk.report_clients, name="report_clients"),
    path("reports/clients.csv", desk.report_clients_csv, name="report_clients_csv"),
]
