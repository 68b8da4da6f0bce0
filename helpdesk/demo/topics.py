"""What demo tickets are about: one hosting-support conversation per topic, in Markdown.

See texts.py for the placeholders.
"""

from helpdesk.demo.texts import BILLING, SALES, SIGNATURE, TECH, Topic

TOPICS = (
    Topic(
        "bad-gateway",
        TECH,
        subjects=("502 Bad Gateway on {domain}", "Site down after PHP upgrade"),
        openings=(
            "Hi,\n\nsince this morning **{domain}** answers every request with "
            "`502 Bad Gateway`. We did not change anything except switching PHP to 8.3 in "
            "the panel.\n\nThe nginx error log says:\n\n```\nconnect() to "
            "unix:/run/php/php8.2-fpm.sock failed (2: No such file or directory)\n```\n\n"
            "Please help, the shop is down.",
            "Our site {domain} on {service} shows *502 Bad Gateway* for about an hour. "
            "Restarting the VPS from the panel did not help.",
        ),
        replies=(
            "Hello {name},\n\nthe nginx vhost still points at the PHP 8.2 socket, which went "
            "away with the upgrade. I changed it to:\n\n```nginx\nlocation ~ \\.php$ {\n"
            "    include fastcgi_params;\n    fastcgi_pass unix:/run/php/php8.3-fpm.sock;\n"
            "    fastcgi_param SCRIPT_FILENAME $document_root$fastcgi_script_name;\n}\n```\n\n"
            "and reloaded nginx. The site answers `200 OK` again — please check." + SIGNATURE,
            "Hello {name},\n\nphp-fpm was stopped by the OOM killer:\n\n```\nOut of memory: "
            "Killed process 2817 (php-fpm8.3)\n```\n\nI restarted it and lowered "
            "`pm.max_children` to **12** so it fits into the RAM of {service}. If the load "
            "keeps growing, a larger plan would be the lasting fix." + SIGNATURE,
        ),
        followups=(
            "It works now, but the admin area (`/wp-admin/`) still gives 502 from time to time.",
            "Thanks! Could you also tell me how to see the php-fpm log myself next time?",
        ),
        notes=(
            "Checked `journalctl -u php8.3-fpm` — two OOM kills tonight. Worth offering "
            "the upgrade if it happens again.",
        ),
    ),
    Topic(
        "dns",
        TECH,
        subjects=("DNS for {domain} does not resolve", "New A record not working"),
        openings=(
            "Hello,\n\nI added an A record for `shop.{domain}` three hours ago but it still "
            "does not resolve:\n\n```\n$ dig +short shop.{domain}\n$\n```\n\nWhat am I "
            "doing wrong?",
            "We moved {domain} to your name servers yesterday. Mail works, but `www` still "
            "points to the old host.",
        ),
        replies=(
            "Hello {name},\n\nthe record was added to the zone but the zone serial was not "
            "increased, so the secondaries never fetched it. The zone now reads:\n\n```\n"
            "$ORIGIN {domain}.\n@     3600 IN SOA ns1.example.net. hostmaster.example.net. "
            "(\n            2024061502 3600 900 1209600 300 )\nshop  3600 IN A {ip}\nwww   "
            "3600 IN CNAME @\n```\n\nGive it up to an hour for caches to expire." + SIGNATURE,
            "Hello {name},\n\nthe old `www` record has a TTL of **86400**, so some resolvers "
            "keep the old address for up to a day. You can check what our servers answer "
            "right now:\n\n```\ndig @ns1.example.net www.{domain} +short\n```\n\nIf that "
            "shows `{ip}`, everything is correct on our side." + SIGNATURE,
        ),
        followups=(
            "`dig` on my laptop shows the right address now, but my colleague in another "
            "office still gets the old one.",
            "OK, it resolves now. Should I lower the TTL before the next move?",
        ),
        notes=("Zone was edited by hand by the client; serial not bumped. Common one.",),
    ),
    Topic(
        "ssl",
        TECH,
        subjects=("SSL certificate expired on {domain}", "Let's Encrypt renewal fails"),
        openings=(
            "Browsers show **NET::ERR_CERT_DATE_INVALID** on https://{domain}/ since "
            "yesterday. Wasn't the certificate supposed to renew itself?",
            "Renewal fails with:\n\n```\nChallenge failed for domain {domain}\n"
            "http-01 challenge for {domain}: 404 Not Found\n```",
        ),
        replies=(
            "Hello {name},\n\nthe renewal failed because a redirect rule in `.htaccess` "
            "sent `/.well-known/acme-challenge/` to the shop front page. I excluded that "
            "path:\n\n```apache\nRewriteCond %{REQUEST_URI} !^/\\.well-known/acme-challenge/\n"
            "```\n\nand renewed the certificate; it is valid until next quarter. Renewals "
            "will work on their own from now on." + SIGNATURE,
            "Hello {name},\n\nthe domain's AAAA record points to an address that is not "
            "this server, and Let's Encrypt prefers IPv6. Either remove the AAAA record "
            "or point it at the server's IPv6 address. Once DNS is fixed I will re-run "
            "the renewal." + SIGNATURE,
        ),
        followups=(
            "The padlock is back, thanks! Will we get a warning before it expires next time?",
            "I removed the AAAA record. Can you try again?",
        ),
    ),
    Topic(
        "mail",
        TECH,
        subjects=("Our mail lands in spam", "SPF/DKIM for {domain}"),
        openings=(
            "Hi,\n\nmails from `info@{domain}` end up in Gmail's spam folder. The header "
            "says:\n\n```\nAuthentication-Results: mx.google.com;\n       spf=softfail "
            "(google.com: domain of transitioning info@{domain} does not designate {ip} as "
            "permitted sender)\n```\n\nCan you fix it?",
            "Customers don't receive our order confirmations. Can you check the mail log "
            "for {domain}?",
        ),
        replies=(
            "Hello {name},\n\nthe SPF record did not list the server that actually sends "
            "your mail. Please set these TXT records (or let me do it if the zone is with "
            "us):\n\n| name | value |\n|---|---|\n| `{domain}` | `v=spf1 a mx ip4:{ip} "
            "~all` |\n| `_dmarc.{domain}` | `v=DMARC1; p=none; rua=mailto:dmarc@{domain}` "
            "|\n\nI also enabled DKIM signing; the public key is published as "
            "`mail._domainkey.{domain}`." + SIGNATURE,
            "Hello {name},\n\nthe mail log shows the messages were accepted by the "
            "recipients' servers:\n\n```\nstatus=sent (250 2.0.0 OK  1718400000 "
            "q7si2210734wrx.45 - gsmtp)\n```\n\nSo they are delivered and filtered on the "
            "recipient side. Adding SPF and DKIM (see below) usually solves that." + SIGNATURE,
        ),
        followups=(
            "Done, the records are in. How long until Gmail trusts us?",
            "Please set them for us, the zone is on your name servers.",
        ),
        notes=("Client's IP {ip} is on no blocklist (checked on multirbl).",),
    ),
    Topic(
        "disk",
        TECH,
        subjects=("Disk full on {service}", "No space left on device"),
        openings=(
            "The application crashes with `No space left on device`.\n\n```\n$ df -h /\n"
            "Filesystem      Size  Used Avail Use% Mounted on\n/dev/vda1        40G   40G"
            "     0 100% /\n```\n\nWe have not uploaded anything big. What is eating the "
            "disk?",
        ),
        replies=(
            "Hello {name},\n\nmost of the space is old logs:\n\n```\n$ du -sh /var/log/* | "
            "sort -h | tail -3\n1.2G    /var/log/journal\n6.8G    /var/log/nginx\n24G     "
            "/var/log/mysql\n```\n\nThe MySQL general query log was left on. I turned it "
            "off and removed the old file; you have **26 GB** free again." + SIGNATURE,
            "Hello {name},\n\nfor the future I set up `logrotate` for the application logs "
            "(daily, 14 days kept, compressed). You can read the rule in "
            "`/etc/logrotate.d/app`." + SIGNATURE,
        ),
        followups=(
            "Great, thank you. Can we get an alert when the disk is 90% full?",
            "The app runs again. Was any data lost?",
        ),
    ),
    Topic(
        "slow",
        TECH,
        subjects=("Website is very slow", "High load average on {service}"),
        openings=(
            "Since Monday our site takes 10+ seconds to load. `top` shows:\n\n```\nload "
            "average: 14.02, 12.77, 11.90\n  PID USER   %CPU COMMAND\n 1934 mysql  "
            "312.0 mysqld\n```\n\nIs something wrong with the host node?",
            "Pages on {domain} load slowly in the evenings. Can you check whether the "
            "server is overloaded?",
        ),
        replies=(
            "Hello {name},\n\nthe host node is fine; the load comes from one query without "
            "an index, run on every page view:\n\n```sql\nSELECT * FROM wp_postmeta WHERE "
            "meta_key = '_stock_status';\n```\n\nAdding an index on `meta_key` brings it "
            "from 3.2 s to 4 ms. Shall I add it?" + SIGNATURE,
            "Hello {name},\n\nin the evenings a crawler (`AhrefsBot`) makes ~40 requests a "
            "second. I limited it in nginx:\n\n```nginx\nlimit_req_zone $binary_remote_addr "
            "zone=bots:10m rate=2r/s;\n```\n\nand the load dropped below 1." + SIGNATURE,
        ),
        followups=(
            "Yes, please add the index.",
            "Much better now. Can we block that bot completely?",
        ),
        notes=("Node is at 18% CPU; it is the client's database.",),
    ),
    Topic(
        "ptr",
        TECH,
        subjects=("Reverse DNS for {ip}", "PTR record request"),
        openings=(
            "Please set the reverse DNS of **{ip}** to `mail.{domain}`. Some mail servers "
            "reject us without it.",
        ),
        replies=(
            "Hello {name},\n\ndone:\n\n```\n$ dig -x {ip} +short\nmail.{domain}.\n```\n\n"
            "Make sure `mail.{domain}` also resolves forward to {ip}, otherwise some "
            "servers still complain." + SIGNATURE,
        ),
        followups=("Forward record is there as well. Thanks!",),
    ),
    Topic(
        "backup",
        TECH,
        subjects=("Restore database from backup", "Need yesterday's backup"),
        openings=(
            "A plugin update broke our database. Can you restore the `shop` database on "
            "{service} from last night's backup? Files are fine, only the DB.",
        ),
        replies=(
            "Hello {name},\n\nI restored `shop` from the backup made at 03:00. The broken "
            "copy is kept as `shop_broken` in case you need anything from it:\n\n1. the "
            "current database: backup of 03:00;\n2. `shop_broken`: the state before the "
            "restore;\n3. orders placed after 03:00 are **only** in `shop_broken`." + SIGNATURE,
            "Hello {name},\n\nthe orders after 03:00 are in `shop_broken.orders` with "
            "`id > 48211`. You can export them with:\n\n```\nmysqldump shop_broken orders "
            "--where='id > 48211' > late-orders.sql\n```" + SIGNATURE,
        ),
        followups=(
            "We lost three orders placed this morning. Can you get them from the broken copy?",
            "Got them, all good.",
        ),
    ),
    Topic(
        "cron",
        TECH,
        subjects=("Cron job does not run", "Scheduled task silent since migration"),
        openings=(
            "Our nightly export stopped after the move. The crontab is:\n\n```\n0 2 * * * "
            "php /var/www/{domain}/bin/export.php\n```\n\nNothing in the output folder since "
            "then.",
        ),
        replies=(
            "Hello {name},\n\nthe job runs, but under `/bin/sh` with a minimal `PATH`, and "
            "`php` is not found there. Use the full path and keep the output:\n\n```\n0 2 * "
            "* * /usr/bin/php8.3 /var/www/{domain}/bin/export.php >> "
            "/var/log/export.log 2>&1\n```" + SIGNATURE,
        ),
        followups=("Changed it, I'll tell you tomorrow whether it ran.",),
    ),
    Topic(
        "ssh",
        TECH,
        subjects=("Cannot log in over SSH", "SSH connection refused"),
        openings=(
            "Since yesterday I get\n\n```\nssh: connect to host {ip} port 22: Connection "
            "refused\n```\n\nThe site still works. Did you block me?",
        ),
        replies=(
            "Hello {name},\n\nfail2ban banned your office address after 6 failed logins. "
            "I lifted the ban. To avoid it, switch to key login:\n\n- create a key with "
            "`ssh-keygen -t ed25519`;\n- add the public key under **Access → SSH keys** in "
            "the panel;\n- disable password login once the key works." + SIGNATURE,
        ),
        followups=("I'm back in, thanks. Keys it is.",),
    ),
    Topic(
        "redirect",
        TECH,
        subjects=("Redirect loop after enabling HTTPS", "ERR_TOO_MANY_REDIRECTS"),
        openings=(
            "After ticking *Force HTTPS* the site gives **ERR_TOO_MANY_REDIRECTS**. We use "
            "Cloudflare in front of {domain}.",
        ),
        replies=(
            "Hello {name},\n\nCloudflare talks to the server over plain HTTP (SSL mode "
            "*Flexible*), and the server redirects that to HTTPS, forever. Set Cloudflare's "
            "SSL mode to **Full (strict)** — the server has a valid certificate — or keep "
            "the redirect only for direct visitors:\n\n```nginx\nif ($http_x_forwarded_proto "
            "= 'http') {\n    return 301 https://$host$request_uri;\n}\n```" + SIGNATURE,
        ),
        followups=("Switched to Full (strict), works. Thanks!",),
    ),
    Topic(
        "migration",
        TECH,
        subjects=("Migration from our old host", "Help moving {domain} to you"),
        openings=(
            "We want to move {domain} (WordPress, ~8 GB, one MySQL database) from our old "
            "host to {service}. Can you do it for us, and what does it cost?",
        ),
        replies=(
            "Hello {name},\n\nwe can. The plan:\n\n1. you send us SSH or FTP access to the "
            "old host;\n2. we copy files and database and test the site on a temporary "
            "address;\n3. you switch DNS when you are happy.\n\nThe first site is free; each "
            "further one is 25.00." + SIGNATURE,
            "Hello {name},\n\nthe copy is ready: https://{domain}.preview.example.net/ — "
            "please click through it. Nothing has changed for your visitors yet." + SIGNATURE,
        ),
        followups=(
            "Access details are in the attached note. Old host: `ftp.oldhost.example`.",
            "Looks perfect. I switched the DNS.",
        ),
    ),
    Topic(
        "upgrade",
        SALES,
        subjects=("Upgrade {service} to more RAM", "Which plan for more memory?"),
        openings=(
            "Our VPS keeps running out of memory. What are the options to go from **4 GB** "
            "to 8 GB, and is there downtime?",
        ),
        replies=(
            "Hello {name},\n\nthe options:\n\n| plan | RAM | CPU | price / month |\n|---|---|"
            "---|---|\n| VPS M | 8 GB | 4 | 24.00 |\n| VPS L | 16 GB | 6 | 44.00 |\n\n"
            "The upgrade needs one reboot (about 2 minutes). You can order it in the panel "
            "under **Services → Change plan**." + SIGNATURE,
            "Hello {name},\n\nthe upgrade is scheduled for tonight at 02:00; you will get "
            "a mail when it is done." + SIGNATURE,
        ),
        followups=(
            "VPS M sounds right. Can you do the reboot at night?",
            "Thanks, ordered.",
        ),
    ),
    Topic(
        "dedicated",
        SALES,
        subjects=("Quote for a dedicated server", "Dedicated server for a game"),
        openings=(
            "We need a dedicated server for a game backend: 16+ cores, 128 GB RAM, 2×NVMe "
            "in RAID 1, 1 Gbit/s unmetered. Can you quote?",
        ),
        replies=(
            "Hello {name},\n\nour **DS-Ryzen-128** fits: AMD Ryzen 9 7950X (16 cores), "
            "128 GB ECC, 2 × 1.92 TB NVMe, 1 Gbit/s unmetered, **149.00 / month**, setup "
            "free with a 12-month term. DDoS protection is included." + SIGNATURE,
        ),
        followups=("Can we get it in the Frankfurt location?",),
    ),
    Topic(
        "reseller",
        SALES,
        subjects=("Reseller discount", "Partner programme question"),
        openings=(
            "We host sites for about 40 customers and would like to resell your shared "
            "hosting. Is there a reseller discount?",
        ),
        replies=(
            "Hello {name},\n\nyes: resellers get **20 %** off from 10 accounts and a "
            "white-label panel. I added your account to the *Resellers* group; the discount "
            "applies from the next invoice." + SIGNATURE,
        ),
        followups=("Great news. Is there an API to create accounts?",),
    ),
    Topic(
        "double-charge",
        BILLING,
        subjects=("Charged twice this month", "Double charge on invoice"),
        openings=(
            "Our card was charged **twice** for the same invoice this month. Please "
            "refund one of the payments.",
        ),
        replies=(
            "Hello {name},\n\nyou are right: the payment gateway retried after a timeout "
            "and both attempts went through. I refunded the second one; the bank usually "
            "shows it within 3–5 working days." + SIGNATURE,
        ),
        followups=("I see the refund pending. Thank you!",),
    ),
    Topic(
        "vat",
        BILLING,
        subjects=("VAT number on invoices", "Change company details on invoices"),
        openings=(
            "Please put our VAT number on all future invoices and re-issue last month's. "
            "Our company name has also changed.",
        ),
        replies=(
            "Hello {name},\n\nI updated the billing profile and re-issued last month's "
            "invoice with the VAT number; you can download it under **Billing → "
            "Invoices**." + SIGNATURE,
        ),
        followups=("Thanks, the new invoice is correct.",),
    ),
    Topic(
        "refund",
        BILLING,
        subjects=("Refund for unused period", "Cancelled service, refund?"),
        openings=(
            "We cancelled {service} in the middle of the paid year. Do we get the unused "
            "months back?",
        ),
        replies=(
            "Hello {name},\n\nyearly plans are refunded for the full unused months: 7 "
            "months of {service} were credited to your balance. You can use it for other "
            "services or ask us to pay it out." + SIGNATURE,
        ),
        followups=("Please pay it out to the card we used.",),
    ),
)

TOPICS_BY_KEY = {topic.key: topic for topic in TOPICS}
