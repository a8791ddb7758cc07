#!/usr/bin/env python3
"""A real SMTP server for popshop's mail tests (aiosmtpd, a stand-in for a mail
relay): listens on 127.0.0.1:PORT and stores each message it accepts, as
received, in DIR/<random>.eml. A recipient whose address contains "reject" is
refused with 550 (a mailbox that does not exist). Prints "ready" once it
listens; runs until killed.

    target/smtp-venv/bin/python scripts/smtp-server.py --port 2525 --dir /tmp/inbox
"""
import argparse
import os
import time
import uuid

from aiosmtpd.controller import Controller


class Inbox:
    def __init__(self, directory):
        self.directory = directory

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if "reject" in address:
            return "550 5.1.1 <%s>: no such mailbox here" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        name = os.path.join(self.directory, uuid.uuid4().hex + ".eml")
        with open(name + ".tmp", "wb") as f:
            f.write(envelope.original_content or envelope.content)
        os.rename(name + ".tmp", name)
        return "250 2.0.0 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    controller = Controller(Inbox(args.dir), hostname="127.0.0.1", port=args.port)
    controller.start()
    print("ready", flush=True)
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
