"""Parse .eml files with Python's email package and print them as JSON.

Usage: python3 parse_eml.py FILE...

Prints one JSON array with, for each file: the decoded Subject, From and To
(display name and address), Date, Message-ID, the List-Unsubscribe pair, all
header names in order, any defects Python found, and every leaf part
(content type, charset, transfer encoding, decoded content).
"""
import email
import email.policy
import json
import sys


def address(header):
    if header is None:
        return None
    addrs = header.addresses
    if len(addrs) != 1:
        return {"error": "want one address, got %d" % len(addrs)}
    return {"name": addrs[0].display_name, "addr": addrs[0].addr_spec}


def parse(path):
    with open(path, "rb") as f:
        msg = email.message_from_binary_file(f, policy=email.policy.default)
    parts = []
    for part in msg.walk():
        if part.is_multipart():
            continue
        parts.append({
            "type": part.get_content_type(),
            "charset": part.get_content_charset(),
            "encoding": part.get("Content-Transfer-Encoding"),
            "content": part.get_content(),
        })
    defects = [type(d).__name__ for d in msg.defects]
    for part in msg.walk():
        defects += [type(d).__name__ for d in part.defects]
    return {
        "content_type": msg.get_content_type(),
        "subject": str(msg["Subject"] or ""),
        "from": address(msg["From"]),
        "to": address(msg["To"]),
        "date": msg["Date"].datetime.isoformat() if msg["Date"] else None,
        "message_id": str(msg["Message-ID"]),
        "list_unsubscribe": str(msg["List-Unsubscribe"] or ""),
        "list_unsubscribe_post": str(msg["List-Unsubscribe-Post"] or ""),
        "headers": list(msg.keys()),
        "defects": defects,
        "parts": parts,
    }


json.dump([parse(p) for p in sys.argv[1:]], sys.stdout, ensure_ascii=False)
