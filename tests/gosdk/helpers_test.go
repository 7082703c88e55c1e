// The Go SDK's suites (run from pytest by tests/test_go_sdk.py, which sets the
// environment; `go test ./...` alone skips them):
//
//	KSYUN_GO_CASES         the shared, language-neutral DescribeImages cases (tests/cases/describe_images.json)
//	KSYUN_GO_PAGING_CASES  the shared paging cases (tests/cases/paging.json)
//	KSYUN_GO_VALIDATION_CASES  the shared request checks (tests/cases/validation.json)
//	KSYUN_GO_ERRORS        JSON object: neutral error class -> the Go type (%T) the SDK returns
package gosdk_test

import (
	"bytes"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"reflect"
	"strings"
	"sync"
	"testing"

	"github.com/ksyun-codegen/ksyun-sdk-go/ksyun"
)

const (
	accessKey = "AKLTgoTest0123456789"
	secretKey = "SKgo-secret-Never-Logged-0123456789"
	region    = "cn-beijing-6"
)

func envFile(t *testing.T, name string) []byte {
	t.Helper()
	path := os.Getenv(name)
	if path == "" {
		t.Skipf("%s is not set: run these suites through pytest (tests/test_go_sdk.py)", name)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// request is one request as the test server saw it.
type request struct {
	Method string
	Params url.Values
	Header http.Header
}

// server answers every request with reply and records it.
type server struct {
	*httptest.Server
	mu       sync.Mutex
	received []request
}

func newServer(t *testing.T, reply func(r request) (int, string, []byte)) *server {
	s := &server{}
	s.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		params := r.URL.Query()
		if r.Method == http.MethodPost {
			params, _ = url.ParseQuery(string(body))
		}
		req := request{Method: r.Method, Params: params, Header: r.Header.Clone()}
		s.mu.Lock()
		s.received = append(s.received, req)
		s.mu.Unlock()
		status, contentType, out := reply(req)
		w.Header().Set("Content-Type", contentType)
		w.WriteHeader(status)
		_, _ = w.Write(out)
	}))
	t.Cleanup(s.Close)
	return s
}

func (s *server) requests() []request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]request(nil), s.received...)
}

func options(endpoint string) []ksyun.Option {
	return []ksyun.Option{ksyun.WithCredentials(accessKey, secretKey), ksyun.WithRegion(region),
		ksyun.WithEndpoint(endpoint), ksyun.WithRetry(ksyun.NoRetry)}
}

// dump is a response as the shared cases write it, by wire name: every list present
// ([] where KSYUN left it out), unset members absent, unknown fields kept.
func dump(v reflect.Value) any {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			return nil
		}
		return dump(v.Elem())
	case reflect.Slice:
		out := []any{}
		for i := 0; i < v.Len(); i++ {
			out = append(out, dump(v.Index(i)))
		}
		return out
	case reflect.Struct:
		out := map[string]any{}
		for i := 0; i < v.NumField(); i++ {
			field := v.Type().Field(i)
			if field.Name == "UnknownFields" {
				for k, x := range v.Field(i).Interface().(map[string]any) {
					out[k] = x
				}
				continue
			}
			name := strings.Split(field.Tag.Get("json"), ",")[0]
			if name == "" || name == "-" {
				continue
			}
			f := v.Field(i)
			if f.Kind() == reflect.String && f.Len() == 0 { // an unset enum
				continue
			}
			if value := dump(f); value != nil {
				out[name] = value
			}
		}
		return out
	default:
		return v.Interface()
	}
}

// sameJSON compares two values as JSON documents (numbers by their text).
func sameJSON(t *testing.T, got any, want json.RawMessage) bool {
	t.Helper()
	a, err := json.Marshal(got)
	if err != nil {
		t.Fatal(err)
	}
	return reflect.DeepEqual(normalize(t, a), normalize(t, want))
}

func normalize(t *testing.T, data []byte) any {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		t.Fatal(err)
	}
	return v
}

// itemID reads the member of an item whose json tag is name.
func itemID(item any, name string) string {
	v := reflect.ValueOf(item)
	for v.Kind() == reflect.Pointer {
		v = v.Elem()
	}
	for i := 0; i < v.NumField(); i++ {
		if strings.Split(v.Type().Field(i).Tag.Get("json"), ",")[0] == name {
			if s, ok := dump(v.Field(i)).(string); ok {
				return s
			}
		}
	}
	return "<none>"
}
