// Test keys made at test time with WebCrypto: an RSA pair as PKCS#8 and PKCS#1 PEM, and keys
// of the wrong kind.

function pem(label, bytes) {
  let binary = "";
  for (const b of new Uint8Array(bytes)) binary += String.fromCharCode(b);
  const lines = btoa(binary).match(/.{1,64}/g).join("\n");
  return `-----BEGIN ${label}-----\n${lines}\n-----END ${label}-----\n`;
}

/** Content bounds of the DER element at `at`. */
function element(bytes, at) {
  let length = bytes[at + 1];
  let start = at + 2;
  if (length & 0x80) {
    const n = length & 0x7f;
    length = 0;
    for (let i = 0; i < n; i++) length = length * 256 + bytes[start + i];
    start += n;
  }
  return { start, end: start + length };
}

/** The PKCS#1 RSAPrivateKey inside a PKCS#8 PrivateKeyInfo (its third field, an OCTET STRING). */
function pkcs1Of(pkcs8) {
  const bytes = new Uint8Array(pkcs8);
  const top = element(bytes, 0);
  const version = element(bytes, top.start);
  const algorithm = element(bytes, version.end);
  const key = element(bytes, algorithm.end);
  return bytes.slice(key.start, key.end);
}

async function rsa(bits) {
  return crypto.subtle.generateKey(
    { name: "RSASSA-PKCS1-v1_5", modulusLength: bits, publicExponent: new Uint8Array([1, 0, 1]), hash: "SHA-256" },
    true,
    ["sign", "verify"],
  );
}

/** `{ pkcs8Pem, pkcs1Pem, publicKey, publicPem }` of a fresh RSA 2048 pair. */
export async function rsaKeys() {
  const pair = await rsa(2048);
  const pkcs8 = await crypto.subtle.exportKey("pkcs8", pair.privateKey);
  return {
    pkcs8Pem: pem("PRIVATE KEY", pkcs8),
    pkcs1Pem: pem("RSA PRIVATE KEY", pkcs1Of(pkcs8)),
    publicKey: pair.publicKey,
    publicPem: pem("PUBLIC KEY", await crypto.subtle.exportKey("spki", pair.publicKey)),
  };
}

/** PEM texts that are not a usable RSA private key, by what they are. */
export async function wrongKeys() {
  const ec = await crypto.subtle.generateKey({ name: "ECDSA", namedCurve: "P-256" }, true, ["sign", "verify"]);
  const small = await rsa(1024);
  const good = await rsaKeys();
  const body = good.pkcs8Pem.split("\n").slice(1, -2).join("\n");
  return {
    ec: pem("PRIVATE KEY", await crypto.subtle.exportKey("pkcs8", ec.privateKey)),
    ecSec1: `-----BEGIN EC PRIVATE KEY-----\nMHcCAQEEIA==\n-----END EC PRIVATE KEY-----\n`,
    publicKey: good.publicPem,
    certificate: `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`,
    encrypted: `-----BEGIN ENCRYPTED PRIVATE KEY-----\n${body}\n-----END ENCRYPTED PRIVATE KEY-----\n`,
    badBase64: `-----BEGIN PRIVATE KEY-----\n${body.slice(0, 40)}!!!${body.slice(40)}\n-----END PRIVATE KEY-----\n`,
    truncated: `-----BEGIN PRIVATE KEY-----\n${body.slice(0, Math.floor(body.length / 2) & ~3)}\n-----END PRIVATE KEY-----\n`,
    notPem: "not a key at all",
    small: pem("PRIVATE KEY", await crypto.subtle.exportKey("pkcs8", small.privateKey)),
    goodBody: body,
  };
}
