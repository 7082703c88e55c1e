// Behaviour a Go user relies on, found wanting by trying the SDK from outside:
// a bad per-call header, printing a client with any verb, logging credentials
// with slog's JSON handler, and resuming Items after a break.
package gosdk_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	kec "github.com/ksyun-codegen/ksyun-sdk-go/kec/v20160304"
	"github.com/ksyun-codegen/ksyun-sdk-go/ksyun"
)

func reviewClient(t *testing.T, endpoint string) *kec.Client {
	t.Helper()
	c, err := kec.NewClient(ksyun.WithCredentials(accessKey, secretKey), ksyun.WithRegion(region),
		ksyun.WithEndpoint(endpoint),
		ksyun.WithRetry(ksyun.RetryPolicy{MaxAttempts: 5, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond}))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// A header Go's HTTP client will never send is the caller's mistake: a
// *ksyun.ConfigurationError before anything is sent, not a transport failure
// retried five times.
func TestReviewAnUnsendableHeaderIsAConfigurationError(t *testing.T) {
	s := newServer(t, func(request) (int, string, []byte) {
		return 200, "application/json", []byte(`{"RequestId":"r"}`)
	})
	c := reviewClient(t, s.URL)
	for _, h := range [][2]string{{"X-Note", "a\nb"}, {"X-Note", "a\rb"}, {"X-Note", "nul\x00"}, {"Bad Name", "v"},
		{"", "v"}, {"X:Colon", "v"}} {
		_, err := c.DescribeImages(context.Background(), nil, ksyun.WithHeader(h[0], h[1]))
		var ce *ksyun.ConfigurationError
		if !errors.As(err, &ce) {
			t.Errorf("WithHeader(%q, %q): %T %v, want a *ksyun.ConfigurationError", h[0], h[1], err, err)
		}
	}
	if n := len(s.requests()); n != 0 {
		t.Fatalf("%d request(s) sent", n)
	}
	// a header with ordinary text is still signed and sent
	if _, err := c.DescribeImages(context.Background(), nil, ksyun.WithHeader("X-Note", "tab\tand  spaces")); err != nil {
		t.Fatal(err)
	}
}

// Printing a service client with any verb shows what ksyun.Client's String
// shows: never the secret, and the access key only redacted.
func TestReviewAServiceClientPrintsRedactedWithEveryVerb(t *testing.T) {
	c := reviewClient(t, "http://127.0.0.1:1")
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%X", "%d"} {
		for _, v := range []any{c, *c} {
			out := fmt.Sprintf(verb, v)
			if strings.Contains(out, secretKey) || strings.Contains(out, accessKey) ||
				strings.Contains(strings.ToLower(out), fmt.Sprintf("%x", accessKey)) {
				t.Errorf("%s of %T shows a key: %s", verb, v, out)
			}
		}
	}
	if got := fmt.Sprint(c); !strings.Contains(got, "service='kec'") || !strings.Contains(got, "AKLT…6789") {
		t.Errorf("%%v of the client: %s", got)
	}
}

// slog's JSON handler marshals a value it does not know: credentials and a
// client's settings must log as their redacted text there too.
func TestReviewSlogJSONShowsRedactedCredentials(t *testing.T) {
	c := reviewClient(t, "http://127.0.0.1:1")
	var buf bytes.Buffer
	l := slog.New(slog.NewJSONHandler(&buf, nil))
	creds := ksyun.NewCredentials(accessKey, secretKey, "token-never-shown")
	core, err := ksyun.NewClient(ksyun.ServiceInfo{Name: "kec", Version: "2016-03-04", Endpoint: "http://127.0.0.1:1"},
		ksyun.WithCredentials(accessKey, secretKey), ksyun.WithRegion(region))
	if err != nil {
		t.Fatal(err)
	}
	l.Info("x", "creds", creds, "credsPtr", &creds, "config", core.Config(), "core", core, "client", c)
	out := buf.String()
	if strings.Contains(out, accessKey) || strings.Contains(out, secretKey) || strings.Contains(out, "token-never-shown") {
		t.Fatalf("slog JSON shows a key: %s", out)
	}
	if !strings.Contains(out, "AKLT…6789") {
		t.Fatalf("slog JSON: %s", out)
	}
}

// Items after a break goes on where the loop stopped: the rest of the page
// first, nothing skipped, nothing twice.
func TestReviewItemsResumesAfterABreak(t *testing.T) {
	s := newServer(t, func(r request) (int, string, []byte) {
		switch r.Params.Get("Marker") {
		case "0":
			return 200, "application/json", []byte(`{"InstanceCount":4,"InstancesSet":[{"InstanceId":"a"},{"InstanceId":"b"}]}`)
		case "2":
			return 200, "application/json", []byte(`{"InstanceCount":4,"InstancesSet":[{"InstanceId":"c"},{"InstanceId":"d"}]}`)
		}
		return 400, "application/json", []byte(`{"Error":{"Code":"InvalidMarker"}}`)
	})
	c := reviewClient(t, s.URL)
	p := kec.NewDescribeInstancesPaginator(c, &kec.DescribeInstancesInput{MaxResults: ksyun.Int(5)})
	var got []string
	for item, err := range p.Items(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, ksyun.ToString(item.InstanceId))
		break
	}
	for item, err := range p.Items(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, ksyun.ToString(item.InstanceId))
	}
	if strings.Join(got, ",") != "a,b,c,d" {
		t.Fatalf("items %v, want a,b,c,d", got)
	}
	if _, err := p.NextPage(context.Background()); !errors.Is(err, ksyun.ErrNoMorePages) {
		t.Fatalf("after the end: %v", err)
	}
	// NextPage hands a page to the caller: Items does not give its items again
	q := kec.NewDescribeInstancesPaginator(c, nil)
	if _, err := q.NextPage(context.Background()); err != nil {
		t.Fatal(err)
	}
	got = nil
	for item, err := range q.Items(context.Background()) {
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, ksyun.ToString(item.InstanceId))
	}
	if strings.Join(got, ",") != "c,d" {
		t.Fatalf("items after NextPage %v, want c,d", got)
	}
}
