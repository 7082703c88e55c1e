package gotests

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/ksyun-codegen/ksyun-sdk-go/ksyun"
)

const (
	testAK     = "AKLTtestaccesskey0001"
	testSK     = "sk-very-secret-0123456789abcdef"
	testToken  = "tok-very-secret-session-token"
	testRegion = "cn-beijing-6"
)

// InvalidImageIdError has the shape the generator gives a per-code error.
type InvalidImageIdError struct{ *ksyun.APIError }

func (e *InvalidImageIdError) Unwrap() error { return e.APIError }

// QuotaThrottledError is a service code the spec marks as throttling.
type QuotaThrottledError struct{ *ksyun.APIError }

func (e *QuotaThrottledError) Unwrap() error { return e.APIError }

func testInfo(endpoint string) ksyun.ServiceInfo {
	return ksyun.ServiceInfo{
		Name: "kec", Version: "2016-03-04", Endpoint: endpoint,
		Errors: map[string]func(*ksyun.APIError) error{
			"InvalidImageId.NotFound": func(e *ksyun.APIError) error { return &InvalidImageIdError{e} },
			"QuotaThrottled":          func(e *ksyun.APIError) error { return &QuotaThrottledError{e} },
		},
		Throttling: map[string]bool{"QuotaThrottled": true},
	}
}

// received is one request as the test server saw it.
type received struct {
	Method string
	Path   string
	Query  string
	Header http.Header
	Host   string
	Body   []byte
	Params url.Values
}

type reply struct {
	status int
	header map[string]string
	body   string
}

// server answers with replies in turn (the last one repeats) and records every request.
type server struct {
	*httptest.Server
	mu      sync.Mutex
	got     []received
	replies []reply
	handler func(w http.ResponseWriter, r *http.Request, n int) bool
}

func newServer(t *testing.T, replies ...reply) *server {
	s := &server{replies: replies}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		params := r.URL.Query()
		if r.Method == http.MethodPost {
			params, _ = url.ParseQuery(string(body))
		}
		s.mu.Lock()
		s.got = append(s.got, received{r.Method, r.URL.Path, r.URL.RawQuery, r.Header.Clone(), r.Host, body, params})
		n := len(s.got) - 1
		s.mu.Unlock()
		if s.handler != nil && s.handler(w, r, n) {
			return
		}
		rep := reply{200, nil, `{"RequestId":"r-ok"}`}
		if len(s.replies) > 0 {
			rep = s.replies[min(n, len(s.replies)-1)]
		}
		for k, v := range rep.header {
			w.Header().Set(k, v)
		}
		if w.Header().Get("Content-Type") == "" {
			w.Header().Set("Content-Type", "application/json")
		}
		w.WriteHeader(rep.status)
		io.WriteString(w, rep.body)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *server) requests() []received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]received(nil), s.got...)
}

// fast is a retry policy with tiny waits.
var fast = ksyun.RetryPolicy{MaxAttempts: 4, BaseDelay: time.Millisecond, MaxDelay: 2 * time.Millisecond, TotalTimeout: 10 * time.Second}

func clearEnv(t *testing.T) {
	for _, name := range []string{"KSYUN_ACCESS_KEY", "KSYUN_SECRET_KEY", "KSYUN_SECURITY_TOKEN", "KSYUN_REGION",
		"KSYUN_ENDPOINT", "KSYUN_PROFILE", "KSYUN_CREDENTIALS_FILE"} {
		t.Setenv(name, "")
	}
	t.Setenv("HOME", t.TempDir())
}

func newClient(t *testing.T, endpoint string, opts ...ksyun.Option) *ksyun.Client {
	t.Helper()
	clearEnv(t)
	base := []ksyun.Option{ksyun.WithCredentials(testAK, testSK), ksyun.WithRegion(testRegion),
		ksyun.WithEndpoint(endpoint), ksyun.WithRetry(fast)}
	c, err := ksyun.NewClient(testInfo(endpoint), append(base, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

var (
	describe = &ksyun.Operation{Action: "DescribeImages", Method: "GET", Idempotent: true, Input: "DescribeImagesInput", Output: "DescribeImagesOutput"}
	run      = &ksyun.Operation{Action: "RunInstances", Method: "POST", Idempotent: false, Input: "RunInstancesInput", Output: "RunInstancesOutput"}
)

// image is a small output type decoded the way generated code does.
type image struct {
	ImageID *string
	Size    *int64
}

type describeOut struct {
	RequestID *string
	Images    []image
}

func decodeImage(d *ksyun.Decoder, v any) (image, bool) {
	m, ok := ksyun.AsObjectOf("Image")(d, v)
	if !ok {
		return image{}, false
	}
	return image{
		ImageID: ksyun.Field(d, m, "ImageId", false, ksyun.AsString),
		Size:    ksyun.Field(d, m, "Size", false, ksyun.AsInt64),
	}, !d.Failed()
}

func decodeDescribe(out *describeOut) func(d *ksyun.Decoder, body map[string]any) {
	return func(d *ksyun.Decoder, body map[string]any) {
		out.RequestID = ksyun.Field(d, body, "RequestId", false, ksyun.AsString)
		out.Images = ksyun.Value(d, body, "ImagesSet", false, ksyun.ListOf(decodeImage))
	}
}

func invoke(c *ksyun.Client, op *ksyun.Operation, p *ksyun.Params, opts ...ksyun.CallOption) error {
	var out describeOut
	if p == nil {
		p = ksyun.NewParams()
	}
	return c.Invoke(context.Background(), op, p, decodeDescribe(&out), opts...)
}

func as[T error](err error) (T, bool) {
	var target T
	ok := errors.As(err, &target)
	return target, ok
}
