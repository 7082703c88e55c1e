package gosdk_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"

	kec "github.com/ksyun-codegen/ksyun-sdk-go/kec/v20160304"
	"github.com/ksyun-codegen/ksyun-sdk-go/ksyun"
)

type validationCase struct {
	ID     string          `json:"id"`
	Action string          `json:"action"`
	Params json.RawMessage `json:"params"`
	Expect struct {
		Sent  int               `json:"sent"`
		Wire  map[string]string `json:"wire"`
		Error *struct {
			Class           string   `json:"class"`
			MessageContains []string `json:"messageContains"`
			MessageLacks    []string `json:"messageLacks"`
			Suggests        string   `json:"suggests"`
		} `json:"error"`
	} `json:"expect"`
}

// Where Go refuses a call by its types instead of at run time, or words it otherwise, and why:
// the call is still refused before anything is sent, which every case checks.
var goDiffers = map[string]string{
	// A required number is a Go value: left out, it is 0, which the minimum refuses, so
	// the message names the bound rather than a missing member.
	"required-member-of-a-nested-object": "Input should be greater than or equal to",
}

// decodeStrict is what Go's compiler does with a struct literal: a member that does not
// exist, or a value of the wrong type, is refused before anything runs.
func decodeStrict(raw json.RawMessage, v any) error {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.DisallowUnknownFields()
	return dec.Decode(v)
}

// TestSharedValidationCases runs tests/cases/validation.json, as the Python and TypeScript suites do.
func TestSharedValidationCases(t *testing.T) {
	var file struct {
		Cases []validationCase `json:"cases"`
	}
	if err := json.Unmarshal(envFile(t, "KSYUN_GO_VALIDATION_CASES"), &file); err != nil {
		t.Fatal(err)
	}
	if len(file.Cases) == 0 {
		t.Fatal("no case")
	}
	for _, c := range file.Cases {
		t.Run(c.ID, func(t *testing.T) {
			srv := newServer(t, func(request) (int, string, []byte) {
				return http.StatusOK, "application/json", []byte(`{"RequestId": "r"}`)
			})
			client, err := kec.NewClient(options(srv.URL)...)
			if err != nil {
				t.Fatal(err)
			}
			ctx := context.Background()
			byTypes := false
			switch c.Action {
			case "DescribeInstances":
				var in kec.DescribeInstancesInput
				if err = decodeStrict(c.Params, &in); err != nil {
					byTypes = true
				} else {
					_, err = client.DescribeInstances(ctx, &in)
				}
			case "RunInstances":
				var in kec.RunInstancesInput
				if err = decodeStrict(c.Params, &in); err != nil {
					byTypes = true
				} else {
					_, err = client.RunInstances(ctx, &in)
				}
			default:
				t.Fatalf("no Go call for %s: add one here", c.Action)
			}
			got := srv.requests()
			if len(got) != c.Expect.Sent {
				t.Fatalf("sent %d requests, want %d (error: %v)", len(got), c.Expect.Sent, err)
			}
			if c.Expect.Wire != nil {
				params := map[string]string{}
				for k, v := range got[0].Params {
					params[k] = v[0]
				}
				if !reflect.DeepEqual(params, c.Expect.Wire) {
					t.Fatalf("params %v, want %v", params, c.Expect.Wire)
				}
			}
			if c.Expect.Error == nil {
				if err != nil {
					t.Fatalf("error %v", err)
				}
				return
			}
			if byTypes {
				// refused by Go's types (a compile error in real code), nothing sent: the
				// run-time wording of the other SDKs does not apply
				return
			}
			var invalid *ksyun.ValidationError
			if !errors.As(err, &invalid) {
				t.Fatalf("error %T %v, want *ksyun.ValidationError", err, err)
			}
			contains := c.Expect.Error.MessageContains
			if want, ok := goDiffers[c.ID]; ok {
				contains = []string{want}
			}
			for _, fragment := range contains {
				if !strings.Contains(err.Error(), fragment) {
					t.Errorf("%q lacks %q", err.Error(), fragment)
				}
			}
			for _, fragment := range c.Expect.Error.MessageLacks {
				if strings.Contains(err.Error(), fragment) {
					t.Errorf("%q has %q", err.Error(), fragment)
				}
			}
		})
	}
}
