"""A small SMTP server on 127.0.0.1 for tests and benchmarks: it keeps every message it accepts and refuses the
recipients it is told to, as a recipient's mail server does (550 on RCPT TO). Threaded, standard library only."""

from __future__ import annotations

import socketserver
import threading
from dataclasses import dataclass, field


@dataclass
class Received:
    sender: str
    recipients: list[str]
    data: bytes


@dataclass
class Sink:
    refused: set[str] = field(default_factory=set)
    received: list[Received] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)
    port: int = 0
    _server: socketserver.ThreadingTCPServer | None = None

    def start(self) -> Sink:
        sink = self

        class Handler(socketserver.StreamRequestHandler):
            def reply(self, line: str) -> None:
                self.wfile.write(line.encode() + b"\r\n")

            def handle(self) -> None:
                self.reply("220 sink ready")
                sender, recipients = "", []
                while line := self.rfile.readline():
                    command = line.decode("ascii", "replace").strip()
                    verb = command[:4].upper()
                    if verb in ("EHLO", "HELO"):
                        self.reply("250 sink")
                    elif verb == "MAIL":
                        sender, recipients = command.split(":", 1)[1].strip(" <>"), []
                        self.reply("250 ok")
                    elif verb == "RCPT":
                        address = command.split(":", 1)[1].strip().strip("<>")
                        if address in sink.refused:
                            self.reply("550 no such mailbox")
                        else:
                            recipients.append(address)
                            self.reply("250 ok")
                    elif verb == "DATA":
                        self.reply("354 go on")
                        chunks = []
                        while (chunk := self.rfile.readline()) not in (b".\r\n", b""):
                            chunks.append(chunk)
                        with sink.lock:
                            sink.received.append(Received(sender, recipients, b"".join(chunks)))
                        self.reply("250 queued")
                    elif verb == "QUIT":
                        self.reply("221 bye")
                        return
                    else:  # RSET, NOOP and the rest
                        self.reply("250 ok")

        socketserver.ThreadingTCPServer.allow_reuse_address = True
        self._server = socketserver.ThreadingTCPServer(("127.0.0.1", self.port), Handler)
        self._server.daemon_threads = True
        self.port = self._server.server_address[1]
        threading.Thread(target=self._server.serve_forever, daemon=True).start()
        return self

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()
