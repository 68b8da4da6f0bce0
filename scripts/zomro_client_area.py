"""Drive the real Zomro client area (Karantir-dev/billing-typescript, built from its own
repository) in Chromium against this helpdesk, through every support flow, and fail on an
error toast caused by a support function, an uncaught page error or a blank page.

Nothing of the client area is in this repository. Build it once with only its base URL set
(its ESLint step refuses the repository's own code, so the build skips it):

    git clone https://github.com/Karantir-dev/billing-typescript /tmp/zomro && cd /tmp/zomro
    npm ci --legacy-peer-deps
    DISABLE_ESLINT_PLUGIN=true TSC_COMPILE_ON_ERROR=true \\
      REACT_APP_BASE_URL=http://127.0.0.1:8010/billmgr npx craco build

Then serve this helpdesk on that address with the demo data, allowing the client area's
origin (another site: its session cookie needs a domain name, so Chromium maps
my.zomro.test to 127.0.0.1):

    BILLMGR_CORS_ORIGINS=http://my.zomro.test:3010 DEBUG=1 \\
      .venv/bin/python manage.py runserver 127.0.0.1:8010   # after migrate + seed_demo

    .venv/bin/python scripts/zomro_client_area.py /tmp/zomro/build

It serves the build at http://my.zomro.test:3010 and logs in as `client` (password demo).
What the client area needs from outside BILLmanager is stood in for in the browser, and
nothing else: Google's reCAPTCHA (a checkbox that answers a token), the online check
(fetch of https://www.google.com), Zomro's geolocation service (REACT_APP_API_URL
/api/service/geo/, which the login page waits for), analytics scripts (empty). Functions of
BILLmanager this helpdesk does not have (services, billing, notifications) answer their
`There is no function` error and the app shows its generic error toast for them; those
toasts are reported, not failed. Screenshots go to --shots (default /tmp/zomro-shots)."""

import argparse
import functools
import json
import os
import re
import sys
import threading
import time
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import parse_qs, urlencode, urlparse
from urllib.request import urlopen

from playwright.sync_api import sync_playwright

APP_HOST = "my.zomro.test"
SUPPORT_FUNCS = {
    "auth", "whoami", "keepalive", "menu", "dashboard.tickets", "clientticket",
    "clientticket.edit", "clientticket.filter", "clientticket.archive", "clientticket_archive",
    "clientticket_archive.filter", "ticket.file", "ticket.message.rate.good",
    "ticket.message.rate.bad",
}  # fmt: skip
FAKE_RECAPTCHA = """
window.grecaptcha = {
  render: function (element, options) {
    var box = document.createElement('button');
    box.type = 'button'; box.id = 'fake-recaptcha'; box.textContent = "I'm not a robot";
    box.onclick = function () { options.callback('recaptcha-token'); };
    element.appendChild(box); return 0;
  },
  reset: function () {}, getResponse: function () { return 'recaptcha-token'; },
  execute: function () {}, ready: function (callback) { callback(); },
};
if (window[%(callback)r]) window[%(callback)r]();
"""
WATCH_TOASTS = """
window.__toasts = [];
new MutationObserver(() => {
  document.querySelectorAll('.Toastify__toast').forEach(toast => {
    if (toast.dataset.seen) return;
    toast.dataset.seen = '1';
    const kind = (toast.className.match(/Toastify__toast--(\\w+)/) || [])[1] || '';
    window.__toasts.push({at: Date.now(), kind: kind, text: toast.innerText});
  });
}).observe(document, {childList: true, subtree: true});
"""


class SinglePageApp(SimpleHTTPRequestHandler):
    """The build's files as they are; any other path is the app's index.html."""

    def send_head(self):
        path = self.translate_path(self.path)
        if not os.path.isfile(path):
            self.path = "/index.html"
        return super().send_head()

    def log_message(self, *args):
        pass


class Run:
    def __init__(self, page, api, shots):
        self.page, self.api, self.shots = page, api, shots
        self.calls, self.page_errors, self.results = [], [], []
        page.on("response", self.record_call)
        page.on("pageerror", lambda error: self.page_errors.append((now_ms(), str(error))))

    def record_call(self, response):
        if not response.url.startswith(self.api):
            return
        func = func_of(response.request)
        try:
            doc = response.json().get("doc", {})
        except Exception:  # a file download, or not JSON
            doc = {}
        error = doc.get("error") if isinstance(doc, dict) else None
        message = (error or {}).get("msg", {}).get("$") if error else None
        self.calls.append((now_ms(), func, response.status, message, error is not None))

    def step(self, name, action, expect_text=None):
        """Run one flow; judge the toasts, calls and page errors that came during it."""
        start = now_ms()
        problem = None
        try:
            action()
            self.page.wait_for_load_state("networkidle")
            self.page.wait_for_timeout(1500)
            if expect_text:
                self.page.get_by_text(expect_text, exact=False).first.wait_for(timeout=10_000)
        except Exception as error:  # a flow that could not be done is a failure
            problem = f"could not be done: {str(error).splitlines()[0]}"
        calls = [call for call in self.calls if call[0] >= start]
        toasts = [t for t in self.page.evaluate("window.__toasts") if t["at"] >= start]
        support_errors = [f"{c[1]}: {c[3]}" for c in calls if c[1] in SUPPORT_FUNCS and c[4]]
        other_errors = [c[1] for c in calls if c[1] not in SUPPORT_FUNCS and c[4]]
        error_toasts = [t["text"] for t in toasts if t["kind"] == "error"]
        page_errors = [
            text
            for at, text in self.page_errors
            if at >= start and "Script is not loaded" not in text
        ]  # an analytics stand-in
        blank = len(self.page.evaluate("document.getElementById('root').innerText").strip()) < 40
        problem = problem or (
            f"support calls answered errors: {support_errors}" if support_errors else
            f"an error toast with no failing non-support call: {error_toasts}"
            if error_toasts and not other_errors else
            f"uncaught page errors: {page_errors}" if page_errors else
            "blank page" if blank else None
        )  # fmt: skip
        slug = re.sub(r"\W+", "-", name)
        shot = self.shots / f"{len(self.results) + 1:02d}-{slug}.png"
        self.page.screenshot(path=str(shot), full_page=True)
        self.results.append({
            "step": name, "ok": problem is None, "problem": problem,
            "support_calls": sorted({c[1] for c in calls if c[1] in SUPPORT_FUNCS}),
            "other_failed_calls": sorted(set(other_errors)),
            "toasts": [f"{t['kind']}: {t['text']}" for t in toasts], "screenshot": shot.name,
        })  # fmt: skip
        print(
            ("PASS " if problem is None else "FAIL ") + name + (f" — {problem}" if problem else "")
        )


def now_ms() -> int:
    return int(time.time() * 1000)


def func_of(request) -> str:
    body = request.post_data_buffer or b""
    multipart = re.search(rb'name="func"\r\n\r\n([^\r]*)', body)
    if multipart:
        return multipart.group(1).decode()
    params = parse_qs(body.decode(errors="replace")) or parse_qs(urlparse(request.url).query)
    return (params.get("func") or ["?"])[0]


def outside_world(route):
    url = route.request.url
    if "recaptcha/api.js" in url:
        callback = parse_qs(urlparse(url).query).get("onload", ["onloadcallback"])[0]
        return route.fulfill(content_type="text/javascript",
                             body=FAKE_RECAPTCHA % {"callback": callback})  # fmt: skip
    if "/api/service/geo/" in url:
        return route.fulfill(content_type="application/json", body=json.dumps(
            {"clients_country_code": "GB", "clients_country_id": "230",
             "clients_country_name": "United Kingdom"}))  # fmt: skip
    host = urlparse(url).hostname
    if host in (APP_HOST, "127.0.0.1", "localhost"):
        return route.continue_()
    return route.fulfill(content_type="text/javascript", body="")


def go(page, path):
    """Move inside the app as its own links do (the history API; no page load)."""
    page.evaluate("path => { history.pushState({}, '', path);"
                  " dispatchEvent(new PopStateEvent('popstate')); }", path)  # fmt: skip


def client_call(api, func, **params):
    return staff_call(api, func, login="client", **params)


def staff_call(api, func, login="staff", **params):
    data = urlencode({"func": func, "out": "json", "authinfo": f"{login}:demo", **params}).encode()
    with urlopen(api, data, timeout=30) as response:
        doc = json.loads(response.read())["doc"]
    assert "error" not in doc, doc
    return doc


def flows(run, app, api, upload_dir):
    page = run.page
    stamp = time.strftime("%H%M%S")
    attachment = upload_dir / "console.log"
    attachment.write_text("kernel: eth0 link down\n")
    picture = upload_dir / "screen.txt"
    picture.write_text("second file\n")

    def log_in():
        page.goto(f"{app}/login")
        page.fill("input[name=email]", "client")
        page.fill("input[name=password]", "demo")
        page.click("#fake-recaptcha")
        page.click("[data-testid=btn_form_submit]")
        page.wait_for_url(re.compile(r"/services"), timeout=20_000)

    run.step("log in as client", log_in)
    run.step("open Support, the ticket list", lambda: (
        page.click("a[href='/support']"), page.wait_for_url(re.compile(r"/support/requests")),
        page.locator("[data-testid=request_item]").first.wait_for()))  # fmt: skip
    rows = page.locator("[data-testid=request_item]")
    first_subject = rows.first.locator("span").nth(2).inner_text()

    def filter_by_subject():
        page.locator("[class*=SupportFilter_filterBtnBlock] button").first.click()
        page.fill("input[name=name]", first_subject[:12])
        page.locator("[class*=SupportFilter_searchBtn]").click()
        page.wait_for_timeout(1500)
        texts = rows.all_inner_texts()
        assert texts and all(first_subject[:12].lower() in t.lower() for t in texts), texts

    run.step("filter the list by subject", filter_by_subject)

    def clear_filter():
        page.locator("[class*=SupportFilter_filterBtnBlock] button").first.click()
        page.locator("[class*=SupportFilter_clearFilters]").click()
        page.wait_for_timeout(1500)
        assert rows.count() > 1

    run.step("clear the filter", clear_filter)

    def create(subject, service=None, files=()):
        page.click("[data-testid=new_ticket_btn]")
        page.locator("[id^=selectDepartment_]").last.click()  # Technical support (HostCo)
        if service:
            page.locator("[class*=CreateTicketModal] [class*=control], .react-select__control,"
                         " [class*=-control]").first.click()  # fmt: skip
            page.keyboard.type(service)
            page.wait_for_timeout(1200)
            page.get_by_text(service, exact=False).last.click()
        page.fill("input[name=subject]", subject)
        page.fill("textarea[name=message]", f"{subject}: please look.")
        if files:
            page.set_input_files("input#files", [str(file) for file in files])
        page.click("button[form=create-ticket]")
        page.get_by_text(subject).first.wait_for(timeout=15_000)

    run.step("create a ticket without a service",
             lambda: create(f"No service {stamp}", files=[attachment]))  # fmt: skip
    service = staff_services(api)
    run.step("create a ticket about a service",
             lambda: create(f"About {service} {stamp}", service=service))  # fmt: skip

    def open_ticket(subject):
        rows.filter(has_text=subject).first.click()
        page.wait_for_url(re.compile(r"/support/requests/\d+"))
        page.get_by_text(subject).first.wait_for()

    run.step("open and read a ticket", lambda: open_ticket(f"No service {stamp}"),
             expect_text=f"No service {stamp}: please look.")  # fmt: skip
    ticket_id = page.url.rstrip("/").rsplit("/", 1)[1]
    staff_call(api, "ticket.edit", elid=ticket_id)  # staff open it, then answer with a file
    staff_call(api, "ticket.edit", elid=ticket_id, sok="ok", message="Please send the log.")

    def reply_with_files():
        page.click("[class*=OpenedTicket_reloadBtn] button >> nth=-1")  # Refresh
        page.get_by_text("Please send the log.").first.wait_for()
        page.fill("textarea[name=message]", "Here are two files.")
        page.set_input_files("input#files", [str(attachment)])
        page.set_input_files("input#files", [str(picture)])
        page.click("[data-testid=btn_form_submit]")
        page.get_by_text("Here are two files.").first.wait_for()
        page.get_by_text("screen.txt").first.wait_for()

    run.step("reply with two files", reply_with_files)

    def download():
        with page.expect_download() as download:
            page.get_by_text("console.log").first.click()
        assert Path(download.value.path()).read_text() == attachment.read_text()

    run.step("download an attachment", download)

    def rate():
        page.locator("[class*=MessageItem_rateBtn][class*=MessageItem_like]").first.click()
        page.locator("[class*=MessageItem_likeAnsw]").first.wait_for()

    run.step("rate support's answer", rate)

    def new_reply_alert():
        # The alert comes when the dashboard goes from no new replies to some: first read
        # the tickets that have new replies (opened in the app, as the client would).
        for unread in client_call(api, "dashboard.tickets").get("elem", []):
            if unread["tstatus"]["$"] == "New replies":
                go(page, f"/support/requests/{unread['id']['$']}")
                page.get_by_text(unread["name"]["$"]).first.wait_for()
        go(page, "/support/requests")
        page.locator("[data-testid=request_item]").first.wait_for()
        page.wait_for_timeout(1000)
        staff_call(api, "ticket.edit", elid=ticket_id, sok="ok", message="Found it, fixing.")
        # Container.jsx polls dashboard.tickets every 60 s and toasts "New message in ticket"
        page.get_by_text(f"New message in ticket #{ticket_id}").wait_for(timeout=75_000)

    run.step("new-reply alert", new_reply_alert)

    def archive():
        staff_call(api, "ticket.edit", elid=ticket_id, sok="ok", message="Fixed.",
                   clicked_button="ok")  # fmt: skip
        page.click("a[href='/support/requests_archive']")  # and back: the list loads anew
        page.wait_for_url(re.compile(r"requests_archive"))
        page.click("a[href='/support/requests']")
        page.locator("[data-testid=request_item]").first.wait_for()
        row = rows.filter(has_text=f"No service {stamp}").first
        row.locator("xpath=preceding-sibling::button[1]").click()
        page.get_by_role("button", name=re.compile("archive", re.I)).click()
        page.wait_for_timeout(2000)
        assert rows.filter(has_text=f"No service {stamp}").count() == 0

    run.step("archive a closed ticket", archive)

    def archive_list():
        page.click("a[href='/support/requests_archive']")
        page.wait_for_url(re.compile(r"requests_archive"))
        page.get_by_text(f"No service {stamp}").first.wait_for()
        page.get_by_text(f"No service {stamp}").first.click()
        page.wait_for_url(re.compile(r"/support/requests_archive/\d+"))
        page.locator("[data-testid=back_btn]").wait_for()

    run.step("the archive list, an archived ticket read-only", archive_list,
             expect_text="Ticket was moved to Archive")  # fmt: skip


def staff_services(api) -> str:
    """The name of a service of the client (Acme Hosting) to pick in the form."""
    rows = staff_call(api, "ticket_all", p_cnt="200")["elem"]
    ticket = next(row for row in rows if row["client"]["$"] == "Acme Hosting")
    form = staff_call(api, "ticket_all.edit", elid=ticket["id"]["$"])
    services = next(s for s in form["slist"] if s["$name"] == "ticket_item")["val"]
    return next(value["$"] for value in services if value["$key"]).split(" (")[0]


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("build", type=Path)
    parser.add_argument("--api", default="http://127.0.0.1:8010/billmgr")
    parser.add_argument("--port", type=int, default=3010)
    parser.add_argument("--app-host", default=APP_HOST)
    parser.add_argument("--shots", type=Path, default=Path("/tmp/zomro-shots"))
    parser.add_argument("--chromium", default=os.environ.get("CHROMIUM", "/usr/bin/chromium"))
    args = parser.parse_args()
    args.shots.mkdir(parents=True, exist_ok=True)
    handler = functools.partial(SinglePageApp, directory=str(args.build))
    server = ThreadingHTTPServer(("127.0.0.1", args.port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    app = f"http://{args.app_host}:{args.port}"
    with sync_playwright() as playwright:
        mapping = f"--host-resolver-rules=MAP {APP_HOST} 127.0.0.1"
        browser = playwright.chromium.launch(
            executable_path=args.chromium, args=["--no-sandbox", "--disable-gpu", mapping]
        )
        context = browser.new_context(viewport={"width": 1400, "height": 900},
                                      accept_downloads=True)  # fmt: skip
        context.add_init_script(WATCH_TOASTS)
        page = context.new_page()
        page.set_default_timeout(15_000)
        page.route("**/*", outside_world)
        run = Run(page, args.api, args.shots)
        flows(run, app, args.api, args.shots)
        browser.close()
    server.shutdown()
    (args.shots / "report.json").write_text(json.dumps(run.results, indent=1))
    failed = [result["step"] for result in run.results if not result["ok"]]
    print(
        f"{len(run.results) - len(failed)} of {len(run.results)} flows passed; "
        f"report and screenshots in {args.shots}"
    )
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
