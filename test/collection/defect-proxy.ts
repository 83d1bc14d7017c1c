/**
 * A proxy in front of the mock that breaks one thing: it drops one attribute (`href` by default) from every
 * resource it returns (an answer, or each item of a list). Both runners must then fail the same cases for the
 * same reason; where a kit-style collection fails, the native suite must fail too.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

function without(body: unknown, attribute: string): unknown {
  const strip = (v: unknown) => {
    if (v && typeof v === 'object' && !Array.isArray(v)) delete (v as Record<string, unknown>)[attribute];
    return v;
  };
  return Array.isArray(body) ? body.map(strip) : strip(body);
}

export async function startHrefDroppingProxy(upstream: string, attribute = 'href'): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const headers = { ...req.headers, host: new URL(upstream).host };
      const out = http.request(new URL(req.url ?? '/', upstream), { method: req.method, headers }, (up) => {
        const parts: Buffer[] = [];
        up.on('data', (c: Buffer) => parts.push(c));
        up.on('end', () => {
          let body = Buffer.concat(parts);
          if (/json/.test(String(up.headers['content-type'])) && body.length) {
            body = Buffer.from(JSON.stringify(without(JSON.parse(body.toString('utf8')), attribute)));
          }
          const { 'content-length': _length, 'transfer-encoding': _te, ...rest } = up.headers;
          res.writeHead(up.statusCode ?? 502, { ...rest, 'content-length': String(body.length) });
          res.end(body);
        });
      });
      out.on('error', () => { res.writeHead(502); res.end(); });
      out.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }) };
}
