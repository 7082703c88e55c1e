package gotests

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"github.com/ksyun-codegen/ksyun-sdk-go/ksyun"
)

func TestErrorMappingAndErrorsAs(t *testing.T) {
	s := newServer(t, reply{404, map[string]string{"X-KSC-REQUEST-ID": "hdr-1"},
		`{"RequestId":"r-404","Error":{"Type":"Sender","Code":"InvalidImageId.NotFound","Message":"no such image"}}`})
	c := newClient(t, s.URL)
	err := invoke(c, describe, nil)
	typed, ok := as[*InvalidImageIdError](err)
	if !ok {
		t.Fatalf("want *InvalidImageIdError, got %T %v", err, err)
	}
	api, ok := as[*ksyun.APIError](err)
	if !ok || api != typed.APIError {
		t.Fatalf("errors.As to *ksyun.APIError must find the embedded error, got %v", err)
	}
	if api.Code != "InvalidImageId.NotFound" || api.Message != "no such image" || api.RequestID != "r-404" ||
		api.HTTPStatus != 404 || api.Type != "Sender" || api.Action != "DescribeImages" || api.Attempts != 1 {
		t.Fatalf("fields %+v", *api)
	}
	if want := "InvalidImageId.NotFound: no such image (HTTP 404, request id r-404)"; err.Error() != want {
		t.Fatalf("message %q, want %q", err.Error(), want)
	}
}

func TestUnknownCodeIsAPlainAPIErrorAndCommonCodesUseTheGeneratedMap(t *testing.T) {
	s := newServer(t, reply{400, map[string]string{"X-KSC-REQUEST-ID": "hdr-9"}, `{"Error":{"Code":"BrandNew"}}`})
	c := newClient(t, s.URL)
	err := invoke(c, describe, nil)
	api, ok := err.(*ksyun.APIError)
	if !ok {
		t.Fatalf("want a plain *ksyun.APIError, got %T", err)
	}
	if api.RequestID != "hdr-9" || api.Message != "" || api.Type != "" {
		t.Fatalf("header request id when the body has none: %+v", *api)
	}
	if want := "BrandNew:  (HTTP 400, request id hdr-9)"; api.Error() != want {
		t.Fatalf("%q want %q", api.Error(), want)
	}
	if _, ok := as[*InvalidImageIdError](err); ok {
		t.Fatal("an unknown code must not map to a typed error")
	}
}

func TestLowerCaseEnvelope(t *testing.T) {
	s := newServer(t, reply{403, nil, `{"requestid":"r-low","error":{"type":"Sender","code":"InvalidImageId.NotFound","message":"lower"}}`})
	c := newClient(t, s.URL)
	err := invoke(c, describe, nil)
	typed, ok := as[*InvalidImageIdError](err)
	if !ok || typed.RequestID != "r-low" || typed.Message != "lower" || typed.Type != "Sender" {
		t.Fatalf("lower-case keys: %T %v", err, err)
	}
}

func TestBodiesThatAreNotKSYUNResponses(t *testing.T) {
	long := strings.Repeat("x", 500)
	cases := []struct {
		name      string
		rep       reply
		message   string
		malformed bool
	}{
		{"html error page", reply{403, nil, "<html>denied</html>"}, "DescribeImages: HTTP 403 without a KSYUN error envelope (HTTP 403); body starts: '<html>denied</html>'", true},
		{"error status with JSON but no envelope", reply{400, nil, `{"Error":"x"}`}, `DescribeImages: HTTP 400 without a KSYUN error envelope (HTTP 400); body starts: '{"Error":"x"}'`, false},
		{"empty 200", reply{200, nil, "  "}, "DescribeImages: expected a JSON object, got an empty body (HTTP 200); body starts: '  '", true},
		{"cut JSON", reply{200, nil, `{"RequestId": "r`}, `DescribeImages: expected a JSON object, got a body that is not a JSON object (HTTP 200); body starts: '{"RequestId": "r'`, true},
		{"a list", reply{200, nil, `[1]`}, "DescribeImages: expected a JSON object, got a body that is not a JSON object (HTTP 200); body starts: '[1]'", true},
		{"trailing data", reply{200, nil, `{} {}`}, "DescribeImages: expected a JSON object, got a body that is not a JSON object (HTTP 200); body starts: '{} {}'", true},
		{"not UTF-8", reply{200, nil, "{\"a\":\"\xff\"}"}, "DescribeImages: expected a JSON object, got a body that is not a JSON object (HTTP 200); body starts: '{\"a\":\"\ufffd\"}'", true},
		{"long body excerpt", reply{200, nil, long}, "DescribeImages: expected a JSON object, got a body that is not a JSON object (HTTP 200); body starts: '" + long[:200] + "'", true},
		{"wrong shape", reply{200, nil, `{"RequestId":"r-7","ImagesSet":[{"ImageId":5}]}`}, `DescribeImages: the response does not match DescribeImagesOutput (ImagesSet.0.ImageId: Input should be a valid string) (HTTP 200); body starts: '{"RequestId":"r-7","ImagesSet":[{"ImageId":5}]}'`, false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			s := newServer(t, tc.rep)
			c := newClient(t, s.URL)
			err := invoke(c, describe, nil, ksyun.WithCallRetry(ksyun.NoRetry))
			re, ok := as[*ksyun.ResponseError](err)
			if !ok {
				t.Fatalf("want a ResponseError, got %T %v", err, err)
			}
			if re.Error() != tc.message || re.Malformed != tc.malformed {
				t.Fatalf("got %q (malformed %v)\nwant %q (malformed %v)", re.Error(), re.Malformed, tc.message, tc.malformed)
			}
		})
	}
	s := newServer(t, reply{200, nil, `{"RequestId":"r-7","ImagesSet":[{"ImageId":5}]}`})
	re, _ := as[*ksyun.ResponseError](invoke(newClient(t, s.URL), describe, nil))
	if re == nil || re.Path != "ImagesSet.0.ImageId" || re.RequestID != "r-7" {
		t.Fatalf("decode problem path and request id: %+v", re)
	}
}

func TestOversizedBodiesAreRefusedAndNotRetried(t *testing.T) {
	big := strings.Repeat("a", 2048)
	// declared by Content-Length
	s := newServer(t, reply{200, nil, `{"RequestId":"` + big + `"}`})
	c := newClient(t, s.URL, ksyun.WithMaxResponseBytes(1024))
	var raw ksyun.RawResponse
	err := invoke(c, describe, nil, ksyun.WithRawResponse(&raw))
	re, ok := as[*ksyun.ResponseError](err)
	if !ok || !strings.Contains(re.Message, "larger than MaxResponseBytes (1024 bytes)") || len(s.requests()) != 1 || raw.StatusCode != 200 {
		t.Fatalf("Content-Length past the cap: %d requests, %v", len(s.requests()), err)
	}
	// chunked, no Content-Length
	s2 := newServer(t)
	s2.handler = func(w http.ResponseWriter, r *http.Request, n int) bool {
		w.WriteHeader(200)
		for i := 0; i < 8; i++ {
			fmt.Fprint(w, big[:512])
			w.(http.Flusher).Flush()
		}
		return true
	}
	c2 := newClient(t, s2.URL, ksyun.WithMaxResponseBytes(1024))
	if _, ok := as[*ksyun.ResponseError](invoke(c2, describe, nil)); !ok || len(s2.requests()) != 1 {
		t.Fatalf("a chunked body past the cap: %d requests", len(s2.requests()))
	}
	// exactly at the cap is read
	body := `{"RequestId":"` + strings.Repeat("b", 1024-16) + `"}`
	s3 := newServer(t, reply{200, nil, body})
	if err := invoke(newClient(t, s3.URL, ksyun.WithMaxResponseBytes(int64(len(body)))), describe, nil); err != nil {
		t.Fatalf("a body at the cap: %v", err)
	}
}

func TestRawResponseHoldsTheLastAnswer(t *testing.T) {
	s := newServer(t, reply{503, nil, envelope("ServiceUnavailable")}, reply{200, map[string]string{"X-KSC-REQUEST-ID": "hdr-2"}, `{"RequestId":"r-2","Extra":1}`})
	c := newClient(t, s.URL)
	var raw ksyun.RawResponse
	if err := invoke(c, describe, nil, ksyun.WithRawResponse(&raw)); err != nil {
		t.Fatal(err)
	}
	if raw.StatusCode != 200 || string(raw.Body) != `{"RequestId":"r-2","Extra":1}` || raw.RequestID() != "hdr-2" {
		t.Fatalf("raw %+v", raw)
	}
}

func TestRedirectsAreNotFollowed(t *testing.T) {
	s := newServer(t, reply{302, map[string]string{"Location": "/elsewhere"}, ``})
	c := newClient(t, s.URL)
	err := invoke(c, describe, nil, ksyun.WithCallRetry(ksyun.NoRetry))
	re, ok := as[*ksyun.ResponseError](err)
	if !ok || re.HTTPStatus != 302 || len(s.requests()) != 1 || s.requests()[0].Path != "/" {
		t.Fatalf("a redirect is an answer: %d requests, %v", len(s.requests()), err)
	}
}

func TestTransportErrorUnwraps(t *testing.T) {
	inner := errors.New("boom")
	err := error(&ksyun.TransportError{Op: "X", Err: inner})
	if !errors.Is(err, inner) || err.Error() != "X: boom" {
		t.Fatalf("%v", err)
	}
	ve := &ksyun.ValidationError{Type: "T", Problems: []string{"A: Field required", "B: x"}}
	if ve.Error() != "T: A: Field required; B: x" {
		t.Fatalf("%q", ve.Error())
	}
}
