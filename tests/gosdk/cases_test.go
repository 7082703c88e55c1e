package gosdk_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"reflect"
	"testing"

	kec "github.com/ksyun-codegen/ksyun-sdk-go/kec/v20160304"
	"github.com/ksyun-codegen/ksyun-sdk-go/ksyun"
)

type sharedCase struct {
	ID     string          `json:"id"`
	Params json.RawMessage `json:"params"`
	Wire   *struct {
		Method string            `json:"method"`
		Params map[string]string `json:"params"`
	} `json:"wire"`
	Reply struct {
		Status      int             `json:"status"`
		JSON        json.RawMessage `json:"json"`
		Body        *string         `json:"body"`
		ContentType string          `json:"contentType"`
	} `json:"reply"`
	Expect struct {
		OK    json.RawMessage `json:"ok"`
		Error map[string]any  `json:"error"`
		Sent  *int            `json:"sent"`
	} `json:"expect"`
}

func errorTypes(t *testing.T) map[string]string {
	t.Helper()
	out := map[string]string{}
	if err := json.Unmarshal([]byte(os.Getenv("KSYUN_GO_ERRORS")), &out); err != nil {
		t.Fatalf("KSYUN_GO_ERRORS: %v", err)
	}
	return out
}

// TestSharedCases runs tests/cases/describe_images.json, as the Python and TypeScript suites do.
func TestSharedCases(t *testing.T) {
	var file struct {
		Cases []sharedCase `json:"cases"`
	}
	if err := json.Unmarshal(envFile(t, "KSYUN_GO_CASES"), &file); err != nil {
		t.Fatal(err)
	}
	types := errorTypes(t)
	if len(file.Cases) == 0 {
		t.Fatal("no case")
	}
	for _, c := range file.Cases {
		t.Run(c.ID, func(t *testing.T) {
			srv := newServer(t, func(request) (int, string, []byte) {
				if c.Reply.Body != nil {
					ct := c.Reply.ContentType
					if ct == "" {
						ct = "application/json"
					}
					return c.Reply.Status, ct, []byte(*c.Reply.Body)
				}
				return c.Reply.Status, "application/json", c.Reply.JSON
			})
			client, err := kec.NewClient(options(srv.URL)...)
			if err != nil {
				t.Fatal(err)
			}
			var in kec.DescribeImagesInput
			var out *kec.DescribeImagesOutput
			// A value of the wrong type (an integer for a string) is refused by Go's types, at
			// compile time in real code and by encoding/json here: nothing is sent, as the
			// other SDKs refuse it at run time.
			if err = json.Unmarshal(c.Params, &in); err != nil {
				err = &ksyun.ValidationError{Type: "DescribeImagesInput", Problems: []string{err.Error()}}
			} else {
				out, err = client.DescribeImages(context.Background(), &in)
			}
			got := srv.requests()
			if c.Expect.Sent != nil && len(got) != *c.Expect.Sent {
				t.Fatalf("sent %d requests, want %d", len(got), *c.Expect.Sent)
			}
			if c.Wire != nil {
				if len(got) != 1 {
					t.Fatalf("sent %d requests, want 1", len(got))
				}
				if got[0].Method != c.Wire.Method {
					t.Errorf("method %s, want %s", got[0].Method, c.Wire.Method)
				}
				params := map[string]string{}
				for k, v := range got[0].Params {
					params[k] = v[0]
				}
				if !reflect.DeepEqual(params, c.Wire.Params) {
					t.Errorf("params %v, want %v", params, c.Wire.Params)
				}
				if accept := got[0].Header.Get("Accept"); accept != "application/json" {
					t.Errorf("Accept %q", accept)
				}
			}
			if c.Expect.OK != nil {
				if err != nil {
					t.Fatalf("error %v", err)
				}
				if !sameJSON(t, dump(reflect.ValueOf(out)), c.Expect.OK) {
					data, _ := json.Marshal(dump(reflect.ValueOf(out)))
					t.Fatalf("decoded %s, want %s", data, c.Expect.OK)
				}
				return
			}
			checkError(t, err, c.Expect.Error, types)
		})
	}
}

func checkError(t *testing.T, err error, want map[string]any, types map[string]string) {
	t.Helper()
	if err == nil {
		t.Fatal("no error")
	}
	class, _ := want["class"].(string)
	if got, wantType := fmt.Sprintf("%T", err), types[class]; got != wantType {
		t.Fatalf("error type %s, want %s (%v)", got, wantType, err)
	}
	var api *ksyun.APIError
	var resp *ksyun.ResponseError
	isAPI, isResp := errors.As(err, &api), errors.As(err, &resp)
	for key, value := range want {
		var got any
		switch {
		case key == "class":
			continue
		case key == "text":
			got = err.Error()
		case isAPI && key == "code":
			got = api.Code
		case isAPI && key == "message":
			got = api.Message
		case isAPI && key == "requestId":
			got = api.RequestID
		case isAPI && key == "httpStatus":
			got = float64(api.HTTPStatus)
		case isAPI && key == "errorType":
			got = api.Type
		case isResp && key == "httpStatus":
			got = float64(resp.HTTPStatus)
		case isResp && key == "requestId":
			got = resp.RequestID
		case isResp && key == "bodyExcerpt":
			got = resp.BodyExcerpt
		case isResp && key == "malformed":
			got = resp.Malformed
		default:
			t.Fatalf("the case compares %q, which %T does not have", key, err)
		}
		if value == nil { // (a member the answer lacks: Go's zero value)
			value = reflect.Zero(reflect.TypeOf(got)).Interface()
		}
		if !reflect.DeepEqual(got, value) {
			t.Errorf("%s: %#v, want %#v", key, got, value)
		}
	}
}
