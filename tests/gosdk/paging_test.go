package gosdk_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"reflect"
	"testing"

	kec "github.com/ksyun-codegen/ksyun-sdk-go/kec/v20160304"
	"github.com/ksyun-codegen/ksyun-sdk-go/ksyun"
	vpc "github.com/ksyun-codegen/ksyun-sdk-go/vpc/v20160304"
)

type pagingCase struct {
	ID       string          `json:"id"`
	Service  string          `json:"service"`
	Action   string          `json:"action"`
	Position string          `json:"position"`
	Params   json.RawMessage `json:"params"`
	IDField  string          `json:"idField"`
	Replies  map[string]struct {
		Status int             `json:"status"`
		JSON   json.RawMessage `json:"json"`
	} `json:"replies"`
	Expect struct {
		Sent  []*string `json:"sent"`
		Items []string  `json:"items"`
		Error string    `json:"error"`
	} `json:"expect"`
}

// walk pages through with Items (a range loop) when byItems, else with HasMorePages and
// NextPage; it returns the id of every item and the error that ended the walk.
func walk[In, Out, Item any](ctx context.Context, p *ksyun.Paginator[In, Out, Item], items func(*Out) []Item,
	id string, byItems bool) (ids []string, err error) {
	if byItems {
		for item, err := range p.Items(ctx) {
			if err != nil {
				return ids, err
			}
			ids = append(ids, itemID(item, id))
		}
		return ids, nil
	}
	for p.HasMorePages() {
		out, err := p.NextPage(ctx)
		if err != nil {
			return ids, err
		}
		for _, item := range items(out) {
			ids = append(ids, itemID(item, id))
		}
	}
	return ids, nil
}

// TestSharedPagingCases runs tests/cases/paging.json, as the Python and TypeScript suites do.
func TestSharedPagingCases(t *testing.T) {
	var file struct {
		Cases []pagingCase `json:"cases"`
	}
	if err := json.Unmarshal(envFile(t, "KSYUN_GO_PAGING_CASES"), &file); err != nil {
		t.Fatal(err)
	}
	types := errorTypes(t)
	for _, c := range file.Cases {
		for _, byItems := range []bool{true, false} {
			t.Run(fmt.Sprintf("%s/items=%v", c.ID, byItems), func(t *testing.T) { runPaging(t, c, byItems, types) })
		}
	}
}

func runPaging(t *testing.T, c pagingCase, byItems bool, types map[string]string) {
	var srv *server
	srv = newServer(t, func(r request) (int, string, []byte) {
		answer, ok := c.Replies[r.Params.Get(c.Position)]
		if !ok || len(srv.requests()) > len(c.Expect.Sent)+2 {
			return http.StatusBadRequest, "application/json", []byte(fmt.Sprintf(
				`{"RequestId": "r", "Error": {"Type": "Sender", "Code": "InvalidParameterValue", "Message": "no page at %v"}}`,
				r.Params))
		}
		status := answer.Status
		if status == 0 {
			status = http.StatusOK
		}
		return status, "application/json", answer.JSON
	})
	ctx := context.Background()
	var ids []string
	var err error
	switch c.Action {
	case "DescribeInstances":
		client, cerr := kec.NewClient(options(srv.URL)...)
		if cerr != nil {
			t.Fatal(cerr)
		}
		var in kec.DescribeInstancesInput
		if err := json.Unmarshal(c.Params, &in); err != nil {
			t.Fatal(err)
		}
		ids, err = walk(ctx, kec.NewDescribeInstancesPaginator(client, &in),
			func(out *kec.DescribeInstancesOutput) []kec.Instance { return out.InstancesSet }, c.IDField, byItems)
	case "DescribeVpcs":
		client, cerr := vpc.NewClient(options(srv.URL)...)
		if cerr != nil {
			t.Fatal(cerr)
		}
		var in vpc.DescribeVpcsInput
		if err := json.Unmarshal(c.Params, &in); err != nil {
			t.Fatal(err)
		}
		ids, err = walk(ctx, vpc.NewDescribeVpcsPaginator(client, &in),
			func(out *vpc.DescribeVpcsOutput) []vpc.Vpc { return out.VpcSet }, c.IDField, byItems)
	default:
		t.Fatalf("no Go walk for %s: add one here", c.Action)
	}
	if !reflect.DeepEqual(ids, c.Expect.Items) {
		t.Fatalf("items %v, want %v", ids, c.Expect.Items)
	}
	var sent []*string
	for _, r := range srv.requests() {
		if v, ok := r.Params[c.Position]; ok {
			sent = append(sent, &v[0])
		} else {
			sent = append(sent, nil)
		}
	}
	if !samePositions(sent, c.Expect.Sent) {
		t.Fatalf("positions sent %v, want %v", show(sent), show(c.Expect.Sent))
	}
	if c.Expect.Error == "" {
		if err != nil {
			t.Fatalf("error %v", err)
		}
		return
	}
	if got := fmt.Sprintf("%T", err); got != types[c.Expect.Error] {
		t.Fatalf("error %s (%v), want %s", got, err, types[c.Expect.Error])
	}
	var api *ksyun.APIError
	if !errors.As(err, &api) || api.Code != c.Expect.Error {
		t.Fatalf("error %v is not the APIError %s", err, c.Expect.Error)
	}
}

func samePositions(a, b []*string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if (a[i] == nil) != (b[i] == nil) || (a[i] != nil && *a[i] != *b[i]) {
			return false
		}
	}
	return true
}

func show(ps []*string) []string {
	out := []string{}
	for _, p := range ps {
		if p == nil {
			out = append(out, "<none>")
		} else {
			out = append(out, *p)
		}
	}
	return out
}
