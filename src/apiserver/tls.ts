/**
 * Serving certificates: a throwaway CA and a server certificate it signs. Clients get the CA (as a
 * real cluster's kubeconfig carries certificate-authority-data) and verify the host name against the
 * SANs, so the server cert names 127.0.0.1, ::1, localhost and the listen host.
 */
import { isIP } from 'node:net';
import { generate } from 'selfsigned';

export interface ServingCerts {
  caPem: string;
  certPem: string;
  keyPem: string;
}

// Key generation dominates start-up; a test file starts many servers, so one set per host per process.
const cache = new Map<string, Promise<ServingCerts>>();

export function servingCerts(host: string): Promise<ServingCerts> {
  let certs = cache.get(host);
  if (!certs) {
    certs = makeCerts(host);
    cache.set(host, certs);
    certs.catch(() => cache.delete(host)); // a failure is not remembered
  }
  return certs;
}

async function makeCerts(host: string): Promise<ServingCerts> {
  // A little in the past, so a client whose clock lags slightly still accepts it.
  const notBeforeDate = new Date(Date.now() - 60 * 60 * 1000);
  const notAfterDate = new Date(notBeforeDate.getTime() + 365 * 24 * 60 * 60 * 1000);
  const common = { keyType: 'ec' as const, curve: 'P-256' as const, algorithm: 'sha256', notBeforeDate, notAfterDate };

  const ca = await generate([{ name: 'commonName', value: 'kaudit-ca' }], {
    ...common,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true },
    ],
  });

  const altNames: { type: 2 | 7; value?: string; ip?: string }[] = [
    { type: 2, value: 'localhost' },
    { type: 7, ip: '127.0.0.1' },
    { type: 7, ip: '::1' },
  ];
  const unspecified = host === '0.0.0.0' || host === '::';
  if (!unspecified && !['localhost', '127.0.0.1', '::1'].includes(host))
    altNames.push(isIP(host) ? { type: 7, ip: host } : { type: 2, value: host });

  const server = await generate([{ name: 'commonName', value: 'kaudit-apiserver' }], {
    ...common,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false, critical: true },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  return { caPem: ca.cert, certPem: server.cert, keyPem: server.private };
}
