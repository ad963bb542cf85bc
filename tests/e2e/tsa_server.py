#!/usr/bin/python3
"""A minimal RFC 3161 time-stamping authority on 127.0.0.1 for the tests: each POSTed query is
answered by `openssl ts -reply` with the TSA made in DIR (ts.cnf, its key and certificate).

  tsa_server.py DIR PORTFILE

Listens on a free port, writes it to PORTFILE, serves until killed. Requests to /refuse get a
reply whose status is "rejection" (openssl ts answers so for a query with a digest it refuses).
"""
import http.server, os, subprocess, sys, tempfile

tsa_dir, port_file = sys.argv[1], sys.argv[2]


class Handler(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        query = self.rfile.read(int(self.headers.get('Content-Length', 0)))
        with tempfile.TemporaryDirectory() as t:
            open(f'{t}/q.tsq', 'wb').write(query)
            r = subprocess.run(['openssl', 'ts', '-reply', '-config', f'{tsa_dir}/ts.cnf', '-queryfile', f'{t}/q.tsq',
                                '-out', f'{t}/r.tsr'], cwd=tsa_dir, capture_output=True)
            body = open(f'{t}/r.tsr', 'rb').read() if r.returncode == 0 else b''
        if not body:
            self.send_response(500)
            self.end_headers()
            return
        self.send_response(200)
        self.send_header('Content-Type', 'application/timestamp-reply')
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


server = http.server.HTTPServer(('127.0.0.1', 0), Handler)
with open(port_file + '.tmp', 'w') as f:
    f.write(str(server.server_address[1]))
os.rename(port_file + '.tmp', port_file)
server.serve_forever()
