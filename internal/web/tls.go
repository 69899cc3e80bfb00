package web

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"strings"
	"time"
)

// certName is where the certificate and its key are kept in the
// session's database: every restart and every instance shows phones the
// same certificate, so the fingerprint the trainer announced stays true.
const certName = "web_tls_cert"

// certValidity: a training programme's length and more; a new data
// directory makes a new certificate.
const certValidity = 2 * 365 * 24 * time.Hour

// Keep returns the bytes kept under name in the session's database,
// storing generate's first (server.Server.Secret, store.Store.HostKey).
type Keep func(ctx context.Context, name string, generate func() ([]byte, error)) ([]byte, error)

// Certificate is the web face's certificate: self-signed (an intranet
// training room has no certificate authority a phone trusts), made on
// first use for hosts, ECDSA P-256, and kept by keep. fp is its SHA-256
// fingerprint as browsers show it (AB:CD:…).
func Certificate(ctx context.Context, keep Keep, hosts []string, now time.Time) (cert tls.Certificate, fp string, err error) {
	data, err := keep(ctx, certName, func() ([]byte, error) { return newCertificate(hosts, now) })
	if err != nil {
		return tls.Certificate{}, "", err
	}
	cert, err = tls.X509KeyPair(data, data)
	if err != nil {
		return tls.Certificate{}, "", err
	}
	if len(cert.Certificate) == 0 {
		return tls.Certificate{}, "", errors.New("no certificate")
	}
	return cert, Fingerprint(cert.Certificate[0]), nil
}

// Fingerprint is the SHA-256 of a certificate's DER bytes in colon-
// separated hex capitals, as a browser's certificate viewer shows it.
func Fingerprint(der []byte) string {
	sum := sha256.Sum256(der)
	parts := make([]string, len(sum))
	for i, b := range sum {
		parts[i] = fmt.Sprintf("%02X", b)
	}
	return strings.Join(parts, ":")
}

// newCertificate makes a self-signed certificate for hosts (and this
// computer's loopback names), PEM: the certificate, then its key.
func newCertificate(hosts []string, now time.Time) ([]byte, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	serial, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 120))
	if err != nil {
		return nil, err
	}
	tpl := &x509.Certificate{
		SerialNumber:          serial,
		Subject:               pkix.Name{CommonName: "tangping serve", Organization: []string{"tangping"}},
		NotBefore:             now.Add(-time.Hour),
		NotAfter:              now.Add(certValidity),
		KeyUsage:              x509.KeyUsageDigitalSignature,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		BasicConstraintsValid: true,
	}
	seen := map[string]bool{}
	for _, h := range append(append([]string(nil), hosts...), "localhost", "127.0.0.1", "::1") {
		if h == "" || seen[h] {
			continue
		}
		seen[h] = true
		if ip := net.ParseIP(h); ip != nil {
			tpl.IPAddresses = append(tpl.IPAddresses, ip)
		} else {
			tpl.DNSNames = append(tpl.DNSNames, h)
		}
	}
	der, err := x509.CreateCertificate(rand.Reader, tpl, tpl, &key.PublicKey, key)
	if err != nil {
		return nil, err
	}
	kd, err := x509.MarshalECPrivateKey(key)
	if err != nil {
		return nil, err
	}
	out := pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: der})
	return append(out, pem.EncodeToMemory(&pem.Block{Type: "EC PRIVATE KEY", Bytes: kd})...), nil
}
