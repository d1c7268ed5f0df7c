"""Scenario 4: hostile uploads. Each must be refused with a 4xx and a JSON error body (or, for
the checks that need the full parse, be accepted as a dry run whose job then fails with a reason),
and the server must keep answering /healthz and a normal API call afterwards.

The package parts come from e2e/src/make_bomb_xlsx.py (the review's reproduction script, which
the API tests use too); this file streams bigger sheets with them."""

import io
import os
import struct
import sys
import time
import zipfile

from common import Client, Stats, log

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "e2e", "src"))
from make_bomb_xlsx import CT, FAR, RELS, SST, WB, WB_RELS  # noqa: E402

SHEET_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
              '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
              '<row r="1"><c r="A1" t="inlineStr"><is><t>姓名</t></is></c><c r="B1" t="inlineStr"><is><t>身份证号码</t></is></c></row>')
SHEET_TAIL = '</sheetData></worksheet>'
SST_REL = ('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
           'sharedStrings" Target="sharedStrings.xml"/>')
SST_CT = ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
          'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
MB = 1024 * 1024


def package(sheet_parts, sst=None, extra=()):
    """An XLSX package whose sheet1.xml is written from `sheet_parts` (streamed, so it may be huge)."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CT.format(sst_ct=SST_CT if sst else ""))
        z.writestr("_rels/.rels", RELS)
        z.writestr("xl/workbook.xml", WB)
        z.writestr("xl/_rels/workbook.xml.rels", WB_RELS.format(sst_rel=SST_REL if sst else ""))
        with z.open("xl/worksheets/sheet1.xml", "w") as sheet:
            for part in sheet_parts:
                sheet.write(part)
        if sst:
            z.writestr("xl/sharedStrings.xml", sst)
        for name, data in extra:
            z.writestr(name, data)
    return buf.getvalue()


def range_bomb():
    """Cells A1 and XFD1048576: a reader that builds the dense range allocates 17 billion cells."""
    return package([(SHEET_HEAD + FAR + SHEET_TAIL).encode()])


def sst_bomb():
    """A shared-string table declaring 10^11 strings."""
    return package([(SHEET_HEAD + SHEET_TAIL).encode()], sst=SST)


def zip_bomb(uncompressed_mb):
    """sheet1.xml of `uncompressed_mb` MB of whitespace inside the sheet (deflates ~1000:1)."""
    def parts():
        yield SHEET_HEAD.encode()
        chunk = b" " * MB
        for _ in range(uncompressed_mb):
            yield chunk
        yield SHEET_TAIL.encode()
    return package(parts())


def lying_zip_bomb(uncompressed_mb):
    """The same, but the ZIP headers declare the sheet as 2 KB: only decompressing tells."""
    data = bytearray(zip_bomb(uncompressed_mb))
    name = b"xl/worksheets/sheet1.xml"
    small = 2048
    # Local file header: signature, … uncompressed size at offset 22, name length at 26.
    i = 0
    while True:
        i = data.find(b"PK\x03\x04", i)
        if i < 0:
            break
        name_len = struct.unpack_from("<H", data, i + 26)[0]
        if bytes(data[i + 30:i + 30 + name_len]) == name:
            struct.pack_into("<I", data, i + 22, small)
        i += 4
    # Central directory entry: uncompressed size at offset 24, name length at 28.
    i = 0
    while True:
        i = data.find(b"PK\x01\x02", i)
        if i < 0:
            break
        name_len = struct.unpack_from("<H", data, i + 28)[0]
        if bytes(data[i + 46:i + 46 + name_len]) == name:
            struct.pack_into("<I", data, i + 24, small)
        i += 4
    return bytes(data)


def many_entries():
    return package([(SHEET_HEAD + SHEET_TAIL).encode()], extra=[(f"xl/media/p{i}.xml", "x") for i in range(1200)])


def long_csv(rows):
    lines = ["姓名,身份证号码"] + [f"张三,11010519900101{i % 1000:03d}X" for i in range(rows)]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")


def wide_csv():
    header = ",".join(["姓名", "身份证号码"] + [f"列{i}" for i in range(300)])
    return (header + "\r\n" + ",".join(["张三"] * 302) + "\r\n").encode("utf-8")


def run(ctx):
    stats = Stats(ctx.backend, "bombs")
    server = ctx.server
    admin = Client(server, ctx.tokens["admin"], keep_alive=False, timeout=300)
    meeting_id = ctx.ids.get("meeting")
    started = time.monotonic()
    cases = [
        ("dense-range XLSX bomb (A1 + XFD1048576)", "bomb.xlsx", range_bomb()),
        ("the same bomb named .xls", "bomb.xls", range_bomb()),
        ("shared strings declaring 10^11", "sst.xlsx", sst_bomb()),
        ("zip bomb: 300 MB sheet declared", "zip-bomb.xlsx", zip_bomb(300)),
        ("zip bomb: 300 MB sheet declared as 2 KB", "zip-liar.xlsx", lying_zip_bomb(300)),
        ("XLSX with 1,200 ZIP entries", "entries.xlsx", many_entries()),
        ("CSV with 200,010 rows", "rows.csv", long_csv(200_010)),
        ("CSV with 302 columns", "wide.csv", wide_csv()),
        ("random bytes named .xlsx", "random.xlsx", bytes(range(256)) * 64),
        ("a ZIP that is not a workbook", "plain.xlsx", plain_zip()),
        ("CSV in an undecodable encoding", "bad.csv", b"\xff\xfe\x00\xd8" * 1000 + b"\x81\x30"),
    ]
    log(f"bombs built in {time.monotonic() - started:.1f} s")
    for label, name, data in cases:
        # Only a ZIP that lies about its sizes can pass the upload checks: its real size shows
        # while decompressing, which the preview job does in the bounded pool, with a cap.
        upload(stats, admin, label, f"/api/v1/hr/imports?file_name={name}", data, ctx,
               deferred_ok=name == "zip-liar.xlsx")
    oversize = b"a" * (20 * MB + 1)
    upload(stats, admin, "HR upload over 20 MB", "/api/v1/hr/imports?file_name=big.csv", oversize, ctx,
           statuses=(413,))
    if meeting_id:
        upload(stats, admin, "meeting attachment over 10 MB", f"/api/v1/meetings/{meeting_id}/attachments?file_name=big.pdf",
               b"%PDF-1.4\n" + b"0" * (10 * MB + 10), ctx, statuses=(413,))
        upload(stats, admin, "meeting attachment: an XLSX bomb", f"/api/v1/meetings/{meeting_id}/attachments?file_name=b.xlsx",
               range_bomb(), ctx, allow_success=True)
    big_json = {"name": "张" * 10, "id_card_number": "x", "membership_status": "masses", "org_id": 3,
                "department": "a" * (300 * 1024)}
    r = admin.post("/api/v1/members", big_json, stats=stats)
    stats.check(r.status == 413 and r.is_json_error(), "JSON body over the limit → 413 with a JSON error",
                f"{r.status} {r.text(200)}")
    healthy(stats, ctx, "after the bombs")
    rss = peak_rss(server.pid)
    if rss:
        stats.note(f"server peak RSS after the bombs: {rss // 1024} MB")
    return stats


def plain_zip():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        z.writestr("readme.txt", "not a workbook")
    return buf.getvalue()


def upload(stats, client, label, path, data, ctx, statuses=(400, 413, 415, 422), allow_success=False,
           deferred_ok=False):
    r = client.post(path, data, content_type="application/octet-stream", stats=stats)
    if 400 <= r.status < 500:
        stats.check(r.status in statuses and r.is_json_error(),
                    f"{label} → {r.status} with a JSON error", f"{r.status} {r.text(300)}")
    elif r.status == 202 and deferred_ok:
        job_id = r.json()["id"]
        view = None
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            g = client.get(f"/api/v1/hr/jobs/{job_id}", stats=stats)
            view = g.json() if g.status == 200 else None
            if view and view["status"] not in ("queued", "running"):
                break
            time.sleep(0.3)
        ok = view is not None and view["status"] == "failed" and view.get("error_message")
        stats.check(ok, f"{label} → 202, then its dry run fails with a reason",
                    view and {k: view.get(k) for k in ("status", "phase", "rows_total", "error_message")})
        if ok:
            stats.note(f"{label}: refused by its preview job: {view['error_message'][:120]}")
    elif allow_success and 200 <= r.status < 300:
        stats.check(True, f"{label} → {r.status} (stored as a file, never parsed)")
    else:
        stats.check(False, f"{label} → a 4xx with a JSON error", f"{r.status} {r.text(300)}")
    healthy(stats, ctx, f"after: {label}", quiet=True)


def healthy(stats, ctx, when, quiet=False):
    client = Client(ctx.server, ctx.tokens["admin"], keep_alive=False, timeout=30)
    h = client.get("/healthz", stats=stats)
    m = client.get("/api/v1/members?limit=1", stats=stats)
    ok = h.status == 200 and m.status == 200
    if quiet and ok:
        return True
    return stats.check(ok, f"server answers /healthz and the member list {when}",
                       f"healthz {h.status} {h.text(100)}; members {m.status} {m.text(100)}")


def peak_rss(pid):
    try:
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        return None
    return None
