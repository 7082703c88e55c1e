package gotests

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/ksyun-codegen/ksyun-sdk-go/ksyun"
)

var authRE = regexp.MustCompile(`^AWS4-HMAC-SHA256 Credential=([^/]+)/(\d{8})/([^/]+)/([^/]+)/aws4_request, SignedHeaders=([^,]+), Signature=([0-9a-f]{64})$`)

// resign signs what the server received again with the AWS SDK's SigV4
// signer (an implementation independent of the runtime) and returns the
// signed-header list and signature it computes.
func resign(t *testing.T, r received, host, signedHeaders, token string) string {
	t.Helper()
	u := "http://" + host + r.Path
	if r.Query != "" {
		u += "?" + r.Query
	}
	req, err := http.NewRequest(r.Method, u, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Host = host
	for _, name := range strings.Split(signedHeaders, ";") {
		if name == "host" || name == "x-amz-date" || name == "x-amz-security-token" {
			continue
		}
		req.Header.Set(name, r.Header.Get(name))
	}
	when, err := time.Parse("20060102T150405Z", r.Header.Get("X-Amz-Date"))
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(r.Body)
	creds := aws.Credentials{AccessKeyID: testAK, SecretAccessKey: testSK, SessionToken: token}
	if err := v4.NewSigner().SignHTTP(context.Background(), creds, req, hex.EncodeToString(sum[:]), "kec", testRegion, when); err != nil {
		t.Fatal(err)
	}
	return req.Header.Get("Authorization")
}

func checkSigned(t *testing.T, r received, host, token string, wantSigned string) {
	t.Helper()
	auth := r.Header.Get("Authorization")
	m := authRE.FindStringSubmatch(auth)
	if m == nil {
		t.Fatalf("Authorization %q has not the SigV4 form", auth)
	}
	if m[1] != testAK || m[3] != testRegion || m[4] != "kec" || m[2] != r.Header.Get("X-Amz-Date")[:8] {
		t.Fatalf("credential scope %q", auth)
	}
	if m[5] != wantSigned {
		t.Fatalf("signed headers %q, want %q", m[5], wantSigned)
	}
	if want := resign(t, r, host, m[5], token); want != auth {
		t.Fatalf("signature differs from the AWS SDK's:\n got %s\nwant %s", auth, want)
	}
}

func TestSignedGETMatchesAWSSigner(t *testing.T) {
	s := newServer(t)
	c := newClient(t, s.URL)
	p := ksyun.NewParams()
	p.String("ImageId.1", "img-1 & ü/~*'()!")
	p.String("ImageId.2", "img-2")
	p.Int("MaxResults", 10)
	if err := invoke(c, describe, p); err != nil {
		t.Fatal(err)
	}
	r := s.requests()[0]
	if r.Method != "GET" || r.Path != "/" || len(r.Body) != 0 {
		t.Fatalf("GET / without body, got %s %s %q", r.Method, r.Path, r.Body)
	}
	if got := r.Params.Get("ImageId.1"); got != "img-1 & ü/~*'()!" {
		t.Fatalf("ImageId.1 arrived as %q", got)
	}
	wantQuery := "Action=DescribeImages&ImageId.1=img-1%20%26%20%C3%BC%2F~%2A%27%28%29%21&ImageId.2=img-2&MaxResults=10&Version=2016-03-04"
	if r.Query != wantQuery {
		t.Fatalf("query\n got %s\nwant %s", r.Query, wantQuery)
	}
	if r.Header.Get("Accept") != "application/json" || r.Header.Get("User-Agent") != ksyun.UserAgent {
		t.Fatalf("Accept %q User-Agent %q", r.Header.Get("Accept"), r.Header.Get("User-Agent"))
	}
	checkSigned(t, r, s.Listener.Addr().String(), "", "host;x-amz-date")
}

func TestSignedPOSTFormBodyWithExtraHeaderAndParam(t *testing.T) {
	s := newServer(t)
	c := newClient(t, s.URL+"/")
	p := ksyun.NewParams()
	p.String("ImageId", "img-1")
	p.Bool("DryRun", true)
	err := invoke(c, run, p, ksyun.WithHeader("X-Ksc-Trace", "  a   b "), ksyun.WithParam("NewParam.1", "x y"))
	if err != nil {
		t.Fatal(err)
	}
	r := s.requests()[0]
	if r.Method != "POST" || r.Query != "" {
		t.Fatalf("POST with an empty query, got %s %q", r.Method, r.Query)
	}
	if ct := r.Header.Get("Content-Type"); ct != "application/x-www-form-urlencoded" {
		t.Fatalf("Content-Type %q", ct)
	}
	if string(r.Body) != "Action=RunInstances&DryRun=true&ImageId=img-1&NewParam.1=x%20y&Version=2016-03-04" {
		t.Fatalf("body %q", r.Body)
	}
	checkSigned(t, r, s.Listener.Addr().String(), "", "content-type;host;x-amz-date;x-ksc-trace")
}

func TestSessionTokenIsASignedHeader(t *testing.T) {
	s := newServer(t)
	c := newClient(t, s.URL, ksyun.WithSessionToken(testToken))
	if err := invoke(c, describe, nil); err != nil {
		t.Fatal(err)
	}
	r := s.requests()[0]
	if r.Header.Get("X-Amz-Security-Token") != testToken {
		t.Fatalf("token header %q", r.Header.Get("X-Amz-Security-Token"))
	}
	checkSigned(t, r, s.Listener.Addr().String(), testToken, "host;x-amz-date;x-amz-security-token")
}

func TestEndpointPathIsSignedWithATrailingSlash(t *testing.T) {
	s := newServer(t)
	c := newClient(t, s.URL+"/api/v1")
	if err := invoke(c, describe, nil); err != nil {
		t.Fatal(err)
	}
	r := s.requests()[0]
	if r.Path != "/api/v1/" {
		t.Fatalf("path %q", r.Path)
	}
	checkSigned(t, r, s.Listener.Addr().String(), "", "host;x-amz-date")
}

func TestReservedHeadersAndParamsAreRefused(t *testing.T) {
	s := newServer(t)
	c := newClient(t, s.URL)
	for _, opt := range []ksyun.CallOption{
		ksyun.WithHeader("Authorization", "x"), ksyun.WithHeader("host", "x"),
		ksyun.WithHeader("X-Amz-Date", "x"), ksyun.WithHeader("x-amz-security-token", "x"),
		ksyun.WithParam("Action", "Other"), ksyun.WithParam("Version", "1"),
	} {
		err := invoke(c, describe, nil, opt)
		if _, ok := as[*ksyun.ConfigurationError](err); !ok {
			t.Fatalf("want a ConfigurationError, got %v", err)
		}
	}
	if n := len(s.requests()); n != 0 {
		t.Fatalf("%d requests sent", n)
	}
}
