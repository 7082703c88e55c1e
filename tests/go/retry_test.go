package gotests

import (
	"context"
	"errors"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/ksyun-codegen/ksyun-sdk-go/ksyun"
)

func envelope(code string) string {
	return `{"RequestId":"r-err","Error":{"Type":"Sender","Code":"` + code + `","Message":"m"}}`
}

func TestRetriesByAnswerAndIdempotency(t *testing.T) {
	ok := reply{200, nil, `{"RequestId":"r-ok"}`}
	cases := []struct {
		name    string
		first   reply
		op      *ksyun.Operation
		retried bool
	}{
		{"429 read", reply{429, nil, envelope("Whatever")}, describe, true},
		{"503 read", reply{503, nil, `<html>busy</html>`}, describe, true},
		{"502 gateway read", reply{502, nil, `<html>bad gateway</html>`}, describe, true},
		{"504 gateway read", reply{504, nil, ``}, describe, true},
		{"LimitExceeded 409 read", reply{409, nil, envelope("LimitExceeded")}, describe, true},
		{"Throttling 400 read", reply{400, nil, envelope("Throttling")}, describe, true},
		{"RequestLimitExceeded read", reply{400, nil, envelope("RequestLimitExceeded")}, describe, true},
		{"spec throttling code read", reply{400, nil, envelope("QuotaThrottled")}, describe, true},
		{"ServiceUnavailable 500 read", reply{500, nil, envelope("ServiceUnavailable")}, describe, true},
		{"cut JSON 200 read", reply{200, nil, `{"RequestId": "r`}, describe, true},
		{"empty 200 read", reply{200, nil, ``}, describe, true},
		{"500 InternalError read", reply{500, nil, envelope("InternalError")}, describe, false},
		{"ServiceTimeout 500 read", reply{500, nil, envelope("ServiceTimeout")}, describe, false},
		{"400 InvalidParameterValue read", reply{400, nil, envelope("InvalidParameterValue")}, describe, false},
		{"500 without envelope read", reply{500, nil, `{"x":1}`}, describe, false},
		{"429 create", reply{429, nil, envelope("Whatever")}, run, false},
		{"503 create", reply{503, nil, envelope("ServiceUnavailable")}, run, false},
		{"LimitExceeded create", reply{409, nil, envelope("LimitExceeded")}, run, false},
		{"cut JSON create", reply{200, nil, `{"Req`}, run, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newServer(t, tc.first, ok)
			c := newClient(t, s.URL)
			err := invoke(c, tc.op, nil)
			n := len(s.requests())
			if tc.retried {
				if err != nil || n != 2 {
					t.Fatalf("want a retry then success, got %d requests, %v", n, err)
				}
				return
			}
			if err == nil || n != 1 {
				t.Fatalf("want one request and its error, got %d requests, %v", n, err)
			}
		})
	}
}

func TestAttemptsAreBoundedAndCounted(t *testing.T) {
	s := newServer(t, reply{503, nil, envelope("ServiceUnavailable")})
	c := newClient(t, s.URL)
	err := invoke(c, describe, nil)
	api, ok := as[*ksyun.APIError](err)
	if !ok || api.Attempts != fast.MaxAttempts || len(s.requests()) != fast.MaxAttempts {
		t.Fatalf("want %d attempts, got %d requests, %v", fast.MaxAttempts, len(s.requests()), err)
	}
	s2 := newServer(t, reply{503, nil, envelope("ServiceUnavailable")})
	c2 := newClient(t, s2.URL)
	if err := invoke(c2, describe, nil, ksyun.WithCallRetry(ksyun.NoRetry)); err == nil || len(s2.requests()) != 1 {
		t.Fatalf("NoRetry: %d requests, %v", len(s2.requests()), err)
	}
}

func TestRetryAfterIsHonouredAndALongOneEndsTheCall(t *testing.T) {
	s := newServer(t, reply{429, map[string]string{"Retry-After": "0.3"}, envelope("Throttling")}, reply{200, nil, `{}`})
	c := newClient(t, s.URL)
	start := time.Now()
	if err := invoke(c, describe, nil); err != nil {
		t.Fatal(err)
	}
	if waited := time.Since(start); waited < 300*time.Millisecond {
		t.Fatalf("Retry-After 0.3 not honoured: %s", waited)
	}
	for _, after := range []string{"301", "inf", "86400"} {
		s := newServer(t, reply{429, map[string]string{"Retry-After": after}, envelope("Throttling")}, reply{200, nil, `{}`})
		c := newClient(t, s.URL)
		start := time.Now()
		err := invoke(c, describe, nil)
		if err == nil || len(s.requests()) != 1 || time.Since(start) > 2*time.Second {
			t.Fatalf("Retry-After %s: want the error at once, got %d requests, %v", after, len(s.requests()), err)
		}
	}
	// a wait past the total timeout ends the call too
	s3 := newServer(t, reply{503, map[string]string{"Retry-After": "5"}, envelope("ServiceUnavailable")}, reply{200, nil, `{}`})
	c3 := newClient(t, s3.URL)
	policy := fast
	policy.TotalTimeout = time.Second
	if err := invoke(c3, describe, nil, ksyun.WithCallRetry(policy)); err == nil || len(s3.requests()) != 1 {
		t.Fatalf("a wait past the budget: %d requests, %v", len(s3.requests()), err)
	}
}

// closedPort returns an address nothing listens on.
func closedPort(t *testing.T) string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	return "http://" + addr
}

func TestConnectionRefusedIsRetriedEvenWhenNotIdempotent(t *testing.T) {
	c := newClient(t, closedPort(t))
	err := invoke(c, run, nil)
	tr, ok := as[*ksyun.TransportError](err)
	if !ok || tr.Attempts != fast.MaxAttempts {
		t.Fatalf("a refused connection never sent anything: want %d attempts, got %v", fast.MaxAttempts, err)
	}
	if !strings.HasPrefix(err.Error(), "RunInstances: ") {
		t.Fatalf("message %q", err.Error())
	}
}

func TestConnectionResetAfterSendingIsRetriedOnlyWhenIdempotent(t *testing.T) {
	for _, tc := range []struct {
		op   *ksyun.Operation
		want int
	}{{describe, 2}, {run, 1}} {
		s := newServer(t)
		s.handler = func(w http.ResponseWriter, r *http.Request, n int) bool {
			if n == 0 {
				conn, _, _ := w.(http.Hijacker).Hijack()
				conn.Close()
				return true
			}
			return false
		}
		c := newClient(t, s.URL)
		err := invoke(c, tc.op, nil)
		if got := len(s.requests()); got != tc.want {
			t.Fatalf("%s: %d requests, want %d (%v)", tc.op.Action, got, tc.want, err)
		}
		if tc.want == 1 {
			if _, ok := as[*ksyun.TransportError](err); !ok {
				t.Fatalf("want a TransportError, got %v", err)
			}
		}
	}
}

func TestPerAttemptTimeoutIsATransportErrorAndRetriedForReads(t *testing.T) {
	s := newServer(t)
	s.handler = func(w http.ResponseWriter, r *http.Request, n int) bool {
		if n == 0 {
			time.Sleep(400 * time.Millisecond)
		}
		return false
	}
	c := newClient(t, s.URL, ksyun.WithTimeout(100*time.Millisecond))
	if err := invoke(c, describe, nil); err != nil || len(s.requests()) != 2 {
		t.Fatalf("a slow first attempt: %d requests, %v", len(s.requests()), err)
	}
	s2 := newServer(t)
	s2.handler = func(w http.ResponseWriter, r *http.Request, n int) bool {
		time.Sleep(400 * time.Millisecond)
		return false
	}
	c2 := newClient(t, s2.URL, ksyun.WithTimeout(100*time.Millisecond))
	err := invoke(c2, run, nil)
	tr, ok := as[*ksyun.TransportError](err)
	if !ok || !tr.Timeout || len(s2.requests()) != 1 || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("a create that timed out is not sent again: %d requests, %#v", len(s2.requests()), err)
	}
}

func TestContextCancelledMidBackoffReturnsPromptly(t *testing.T) {
	s := newServer(t, reply{503, map[string]string{"Retry-After": "20"}, envelope("ServiceUnavailable")})
	c := newClient(t, s.URL, ksyun.WithRetry(ksyun.RetryPolicy{MaxAttempts: 5, BaseDelay: time.Millisecond, MaxDelay: time.Millisecond, TotalTimeout: time.Minute}))
	ctx, cancel := context.WithTimeout(context.Background(), 200*time.Millisecond)
	defer cancel()
	start := time.Now()
	var out describeOut
	err := c.Invoke(ctx, describe, ksyun.NewParams(), decodeDescribe(&out))
	if elapsed := time.Since(start); elapsed > 2*time.Second {
		t.Fatalf("took %s", elapsed)
	}
	if !errors.Is(err, context.DeadlineExceeded) || len(s.requests()) != 1 {
		t.Fatalf("want DeadlineExceeded after one request, got %d requests, %v", len(s.requests()), err)
	}

	ctx2, cancel2 := context.WithCancel(context.Background())
	s2 := newServer(t)
	s2.handler = func(w http.ResponseWriter, r *http.Request, n int) bool {
		cancel2()
		time.Sleep(300 * time.Millisecond)
		return false
	}
	c2 := newClient(t, s2.URL)
	err = c2.Invoke(ctx2, describe, ksyun.NewParams(), decodeDescribe(&out))
	if !errors.Is(err, context.Canceled) || len(s2.requests()) != 1 {
		t.Fatalf("cancelled mid-request: want context.Canceled, got %d requests, %v", len(s2.requests()), err)
	}
}

func TestBadPoliciesAreConfigurationErrors(t *testing.T) {
	clearEnv(t)
	for _, p := range []ksyun.RetryPolicy{{}, {MaxAttempts: 1, BaseDelay: -1}, {MaxAttempts: 1, TotalTimeout: -time.Second}} {
		_, err := ksyun.NewClient(testInfo("https://kec.api.ksyun.com"), ksyun.WithCredentials(testAK, testSK), ksyun.WithRegion(testRegion), ksyun.WithRetry(p))
		if _, ok := as[*ksyun.ConfigurationError](err); !ok {
			t.Fatalf("policy %+v: want a ConfigurationError, got %v", p, err)
		}
	}
	_, err := ksyun.NewClient(testInfo("https://kec.api.ksyun.com"), ksyun.WithCredentials(testAK, testSK), ksyun.WithRegion(testRegion), ksyun.WithTimeout(0))
	if _, ok := as[*ksyun.ConfigurationError](err); !ok {
		t.Fatalf("zero timeout: %v", err)
	}
	if ksyun.DefaultRetry != (ksyun.RetryPolicy{MaxAttempts: 5, BaseDelay: 100 * time.Millisecond, MaxDelay: 5 * time.Second, TotalTimeout: time.Minute}) || ksyun.NoRetry.MaxAttempts != 1 {
		t.Fatalf("defaults %+v %+v", ksyun.DefaultRetry, ksyun.NoRetry)
	}
}
