#!/usr/bin/env python3
"""The floor for a warm listing: the same signed ListObjectsV2 GET that a warm `ls` sends, over one
kept-alive socket, with TCP_QUICKACK before each read (as s3sh's client does), so that a stock RGW's
Nagle + delayed-ACK wait (~40 ms per answer) is not in it. Independent of s3sh's code: SigV4 by hand.
Usage: floor_get.py ENDPOINT BUCKET PREFIX ROUNDS  (keys from AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY)
Prints: floor_signed_quickack_ms MEDIAN MIN MAX (after 10 warm-up rounds)."""
import datetime
import hashlib
import hmac
import os
import socket
import sys
import time
import urllib.parse

endpoint, bucket, prefix, rounds = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
url = urllib.parse.urlsplit(endpoint)
host, port = url.hostname, url.port or 80
access, secret, region = os.environ["AWS_ACCESS_KEY_ID"], os.environ["AWS_SECRET_ACCESS_KEY"], "us-east-1"
query = "delimiter=%2F&list-type=2&prefix=" + urllib.parse.quote(prefix, safe="")


def signed_request():
    now = datetime.datetime.now(datetime.timezone.utc)
    amz_date, day = now.strftime("%Y%m%dT%H%M%SZ"), now.strftime("%Y%m%d")
    host_header = host if port == 80 else f"{host}:{port}"
    headers = {"host": host_header, "x-amz-content-sha256": "UNSIGNED-PAYLOAD", "x-amz-date": amz_date}
    names = ";".join(sorted(headers))
    canonical = "\n".join(["GET", f"/{bucket}", query] + [f"{k}:{headers[k]}" for k in sorted(headers)]
                          + ["", names, "UNSIGNED-PAYLOAD"])
    scope = f"{day}/{region}/s3/aws4_request"
    to_sign = "\n".join(["AWS4-HMAC-SHA256", amz_date, scope, hashlib.sha256(canonical.encode()).hexdigest()])
    key = ("AWS4" + secret).encode()
    for part in (day, region, "s3", "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    signature = hmac.new(key, to_sign.encode(), hashlib.sha256).hexdigest()
    headers["authorization"] = f"AWS4-HMAC-SHA256 Credential={access}/{scope}, SignedHeaders={names}, Signature={signature}"
    lines = [f"GET /{bucket}?{query} HTTP/1.1"] + [f"{k}: {v}" for k, v in headers.items()]
    return ("\r\n".join(lines) + "\r\n\r\n").encode()


class Conn:
    def __init__(self):
        self.s = socket.create_connection((host, port))
        self.s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        self.buf = b""

    def fill(self):
        self.s.setsockopt(socket.IPPROTO_TCP, socket.TCP_QUICKACK, 1)
        data = self.s.recv(65536)
        if not data:
            raise EOFError("the server closed the connection")
        self.buf += data

    def line(self):
        while b"\r\n" not in self.buf:
            self.fill()
        line, self.buf = self.buf.split(b"\r\n", 1)
        return line.decode("latin-1")

    def take(self, n):
        while len(self.buf) < n:
            self.fill()
        data, self.buf = self.buf[:n], self.buf[n:]
        return data

    def get(self):
        self.s.sendall(signed_request())
        status = int(self.line().split()[1])
        length, chunked = None, False
        while (h := self.line()) != "":
            name, _, value = h.partition(":")
            if name.lower() == "content-length":
                length = int(value)
            elif name.lower() == "transfer-encoding" and "chunked" in value.lower():
                chunked = True
        if chunked:
            while (size := int(self.line().split(";")[0], 16)) > 0:
                self.take(size + 2)
            while self.line() != "":
                pass
        else:
            self.take(length or 0)
        if status != 200:
            raise SystemExit(f"floor_get: HTTP {status}")


conn = Conn()
times = []
for i in range(rounds + 10):
    t0 = time.perf_counter()
    conn.get()
    if i >= 10:
        times.append((time.perf_counter() - t0) * 1000)
times.sort()
print("floor_signed_quickack_ms %.2f %.2f %.2f" % (times[len(times) // 2], times[0], times[-1]))
