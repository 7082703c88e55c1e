package gotests

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ksyun-codegen/ksyun-sdk-go/ksyun"
)

func writeCreds(t *testing.T, path, text string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

// usedKey sends one call and returns the access key and token the server saw.
func usedKey(t *testing.T, opts ...ksyun.Option) (string, string, error) {
	t.Helper()
	s := newServer(t)
	c, err := ksyun.NewClient(testInfo(s.URL), append([]ksyun.Option{ksyun.WithRegion(testRegion), ksyun.WithEndpoint(s.URL)}, opts...)...)
	if err != nil {
		return "", "", err
	}
	if err := invoke(c, describe, nil); err != nil {
		t.Fatal(err)
	}
	m := authRE.FindStringSubmatch(s.requests()[0].Header.Get("Authorization"))
	return m[1], s.requests()[0].Header.Get("X-Amz-Security-Token"), nil
}

const profiles = `# comment
[default]
ks_access_key_id = AKfromdefaultprofile
ks_secret_access_key = skdefault
; another comment
[work]
KS_ACCESS_KEY_ID: AKfromworkprofile
ks_secret_access_key=skwork
ks_security_token = tokwork
[broken]
ks_access_key_id = AKonly
`

func TestCredentialChainPrecedence(t *testing.T) {
	clearEnv(t)
	home := os.Getenv("HOME")
	if _, _, err := usedKey(t); err == nil || !strings.HasPrefix(err.Error(), "no credentials: ") {
		t.Fatalf("nothing configured: %v", err)
	}
	writeCreds(t, filepath.Join(home, ".ks", "credentials"), profiles)
	if ak, tok, err := usedKey(t); err != nil || ak != "AKfromdefaultprofile" || tok != "" {
		t.Fatalf("the [default] profile: %q %q %v", ak, tok, err)
	}
	t.Setenv("KSYUN_PROFILE", "work")
	if ak, tok, _ := usedKey(t); ak != "AKfromworkprofile" || tok != "tokwork" {
		t.Fatalf("KSYUN_PROFILE=work: %q %q", ak, tok)
	}
	t.Setenv("KSYUN_ACCESS_KEY", "AKfromenvironment")
	if ak, _, _ := usedKey(t); ak != "AKfromdefaultprofile" && ak != "AKfromworkprofile" {
		// only one of the pair set: the environment is skipped, as in Python
	} else if ak == "AKfromenvironment" {
		t.Fatal("half a key pair in the environment must not be used")
	}
	t.Setenv("KSYUN_SECRET_KEY", "skenv")
	t.Setenv("KSYUN_SECURITY_TOKEN", "tokenv")
	if ak, tok, _ := usedKey(t); ak != "AKfromenvironment" || tok != "tokenv" {
		t.Fatalf("the environment beats the file: %q %q", ak, tok)
	}
	if ak, _, _ := usedKey(t, ksyun.WithProfile("default")); ak != "AKfromdefaultprofile" {
		t.Fatalf("WithProfile skips the environment: %q", ak)
	}
	if ak, tok, _ := usedKey(t, ksyun.WithCredentials("AKfromarguments", "skarg")); ak != "AKfromarguments" || tok != "" {
		t.Fatalf("arguments come first: %q %q", ak, tok)
	}
	if ak, _, _ := usedKey(t, ksyun.WithCredentialsProvider(ksyun.NewCredentials("AKfromprovider", "skp", ""))); ak != "AKfromprovider" {
		t.Fatalf("a provider beats the environment: %q", ak)
	}
	if _, _, err := usedKey(t, ksyun.WithProfile("nosuch")); err == nil || err.Error() != "no profile [nosuch] in the credentials file" {
		t.Fatalf("a missing profile: %v", err)
	}
	if _, _, err := usedKey(t, ksyun.WithProfile("broken")); err == nil || !strings.Contains(err.Error(), "profile [broken] needs ks_access_key_id and ks_secret_access_key") {
		t.Fatalf("a profile without a secret: %v", err)
	}
	other := filepath.Join(t.TempDir(), "creds.ini")
	writeCreds(t, other, "[default]\nks_access_key_id = AKfromotherfile\nks_secret_access_key = s\n")
	t.Setenv("KSYUN_CREDENTIALS_FILE", other)
	if ak, _, _ := usedKey(t, ksyun.WithProfile("default")); ak != "AKfromotherfile" {
		t.Fatalf("KSYUN_CREDENTIALS_FILE: %q", ak)
	}
	writeCreds(t, other, "ks_access_key_id = x\n")
	if _, _, err := usedKey(t, ksyun.WithProfile("default")); err == nil || err.Error() != "credentials file "+other+": cannot read it (MissingSectionHeaderError)" {
		t.Fatalf("a file that is not INI: %v", err)
	}
}

func TestHalfAKeyPairAndATokenAloneAreErrors(t *testing.T) {
	clearEnv(t)
	for _, opts := range [][]ksyun.Option{
		{ksyun.WithCredentials("AK", "")},
		{ksyun.WithCredentials("", "SK")},
		{ksyun.WithSessionToken("t")},
	} {
		_, err := ksyun.NewClient(testInfo("https://kec.api.ksyun.com"), append(opts, ksyun.WithRegion(testRegion))...)
		if _, ok := as[*ksyun.ConfigurationError](err); !ok {
			t.Fatalf("want a ConfigurationError, got %v", err)
		}
	}
}

func TestRegionAndEndpointResolution(t *testing.T) {
	clearEnv(t)
	info := testInfo("https://kec.api.ksyun.com")
	_, err := ksyun.NewClient(info, ksyun.WithCredentials(testAK, testSK))
	if err == nil || err.Error() != `no region: pass WithRegion (e.g. "cn-beijing-6") or set KSYUN_REGION` {
		t.Fatalf("no region: %v", err)
	}
	t.Setenv("KSYUN_REGION", "cn-shanghai-2")
	c, err := ksyun.NewClient(info, ksyun.WithCredentials(testAK, testSK))
	if err != nil || c.Config().Region != "cn-shanghai-2" || c.Config().Endpoint != "https://kec.api.ksyun.com" {
		t.Fatalf("env region, spec endpoint: %v %+v", err, c)
	}
	t.Setenv("KSYUN_ENDPOINT", "http://localhost:1234/")
	c, _ = ksyun.NewClient(info, ksyun.WithCredentials(testAK, testSK))
	if c.Config().Endpoint != "http://localhost:1234" {
		t.Fatalf("KSYUN_ENDPOINT: %s", c.Config().Endpoint)
	}
	c, _ = ksyun.NewClient(info, ksyun.WithCredentials(testAK, testSK), ksyun.WithEndpoint("https://x.example"), ksyun.WithRegion("eu-east-1"))
	if c.Config().Endpoint != "https://x.example" || c.Config().Region != "eu-east-1" {
		t.Fatalf("options first: %s", c)
	}
	_, err = ksyun.NewClient(info, ksyun.WithCredentials(testAK, testSK), ksyun.WithEndpoint("ftp://x"))
	if err == nil || err.Error() != "endpoint must be an http(s) URL, got 'ftp://x'" {
		t.Fatalf("bad endpoint: %v", err)
	}
}

func TestSecretsNeverPrinted(t *testing.T) {
	clearEnv(t)
	s := newServer(t, reply{403, nil, envelope("SignatureDoesNotMatch")})
	var logs bytes.Buffer
	logger := slog.New(slog.NewTextHandler(&logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	var cfg ksyun.Config
	grab := func(c *ksyun.Config) { cfg = *c }
	c, err := ksyun.NewClient(testInfo(s.URL), ksyun.WithCredentials(testAK, testSK), ksyun.WithSessionToken(testToken),
		ksyun.WithRegion(testRegion), ksyun.WithEndpoint(s.URL), ksyun.WithLogger(logger), ksyun.WithRetry(fast), grab)
	if err != nil {
		t.Fatal(err)
	}
	callErr := invoke(c, describe, nil)
	creds, _ := c.Config().CredentialsProvider.Retrieve(context.Background())
	wrapped := struct {
		C     ksyun.Config
		inner ksyun.Credentials
		cl    *ksyun.Client
	}{c.Config(), creds, c}
	values := []any{cfg, &cfg, c.Config(), c, *c, creds, &creds, callErr, wrapped, &wrapped}
	_, _, errProfile := usedKey(t, ksyun.WithProfile("x"))
	values = append(values, errProfile)
	var out strings.Builder
	for _, v := range values {
		for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x"} {
			fmt.Fprintf(&out, verb+"\n", v)
		}
	}
	out.WriteString(logs.String())
	for _, secret := range []string{testSK, testToken} {
		for _, form := range []string{secret, fmt.Sprintf("%x", secret)} {
			if strings.Contains(out.String(), form) {
				t.Fatalf("a secret was printed:\n%s", out.String())
			}
		}
	}
	// the access key is not secret (a struct printed raw shows it); String shows it redacted
	if s := fmt.Sprint(c, creds, c.Config(), logs.String()); strings.Contains(s, testAK) || !strings.Contains(s, "AKLT…0001") {
		t.Fatalf("String and the log show the access key redacted:\n%s", s)
	}
	if !strings.Contains(logs.String(), "GET DescribeImages attempt 1/4 -> 403") || !strings.Contains(logs.String(), "giving up") {
		t.Fatalf("one debug line per attempt:\n%s", logs.String())
	}
}
