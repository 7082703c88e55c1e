package gotests

import (
	"context"
	"encoding/json"
	"errors"
	"os"
	"strconv"
	"testing"

	"github.com/ksyun-codegen/ksyun-sdk-go/ksyun"
)

type pageIn struct {
	Marker    *int
	NextToken *string
}

type pageOut struct {
	Items     []string
	Total     *int
	NextToken *string
}

type sharedCase struct {
	ID       string `json:"id"`
	Position string `json:"position"`
	Items    string `json:"itemsField"`
	IDField  string `json:"idField"`
	Replies  map[string]struct {
		Status int            `json:"status"`
		JSON   map[string]any `json:"json"`
	} `json:"replies"`
	Expect struct {
		Sent  []*string `json:"sent"`
		Items []string  `json:"items"`
		Error string    `json:"error"`
	} `json:"expect"`
}

// TestSharedPagingCases walks tests/cases/paging.json with NextMarker and
// NextToken, as the Python and TypeScript SDKs' tests do.
func TestSharedPagingCases(t *testing.T) {
	raw, err := os.ReadFile("../cases/paging.json")
	if err != nil {
		t.Fatal(err)
	}
	var doc struct{ Cases []sharedCase }
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	if len(doc.Cases) < 7 {
		t.Fatalf("%d cases", len(doc.Cases))
	}
	for _, tc := range doc.Cases {
		t.Run(tc.ID, func(t *testing.T) {
			var sent []*string
			call := func(ctx context.Context, in *pageIn) (*pageOut, error) {
				key := ""
				if tc.Position == "Marker" {
					key = strconv.Itoa(ksyun.ToInt(in.Marker))
					sent = append(sent, ksyun.String(key))
				} else {
					sent = append(sent, in.NextToken)
					key = ksyun.ToString(in.NextToken)
				}
				if len(sent) > len(tc.Expect.Sent)+2 {
					t.Fatal("the walk loops")
				}
				rep, ok := tc.Replies[key]
				if !ok {
					return nil, errors.New("no reply for " + key)
				}
				if rep.Status >= 300 {
					e := rep.JSON["Error"].(map[string]any)
					return nil, &ksyun.APIError{Code: e["Code"].(string), HTTPStatus: rep.Status}
				}
				out := &pageOut{}
				for _, it := range rep.JSON[tc.Items].([]any) {
					out.Items = append(out.Items, it.(map[string]any)[tc.IDField].(string))
				}
				if v, ok := rep.JSON["InstanceCount"].(float64); ok {
					out.Total = ksyun.Int(int(v))
				}
				if v, ok := rep.JSON["NextToken"].(string); ok {
					out.NextToken = &v
				}
				return out, nil
			}
			var in pageIn
			var step func(in *pageIn, out *pageOut) ([]string, bool)
			if tc.Position == "Marker" {
				in.Marker = ksyun.Int(0) // the first page is sent with Marker=0, as Python sends it
				step = func(in *pageIn, out *pageOut) ([]string, bool) {
					next, more := ksyun.NextMarker(in.Marker, len(out.Items), out.Total, ksyun.Int(5))
					in.Marker = &next
					return out.Items, more
				}
			} else {
				seen := map[string]bool{}
				step = func(in *pageIn, out *pageOut) ([]string, bool) {
					next, more := ksyun.NextToken(seen, out.NextToken)
					in.NextToken = &next
					return out.Items, more
				}
			}
			p := ksyun.NewPaginator(in, call, step)
			var got []string
			var walkErr error
			for item, err := range p.Items(context.Background()) {
				if err != nil {
					walkErr = err
					break
				}
				got = append(got, item)
			}
			if len(got) != len(tc.Expect.Items) {
				t.Fatalf("items %v, want %v", got, tc.Expect.Items)
			}
			for i := range got {
				if got[i] != tc.Expect.Items[i] {
					t.Fatalf("items %v, want %v", got, tc.Expect.Items)
				}
			}
			if len(sent) != len(tc.Expect.Sent) {
				t.Fatalf("sent %d positions, want %d", len(sent), len(tc.Expect.Sent))
			}
			for i, want := range tc.Expect.Sent {
				if (want == nil) != (sent[i] == nil) || (want != nil && *want != *sent[i]) {
					t.Fatalf("position %d: sent %v, want %v", i, sent[i], want)
				}
			}
			if tc.Expect.Error != "" {
				api, ok := as[*ksyun.APIError](walkErr)
				if !ok || api.Code != tc.Expect.Error {
					t.Fatalf("want %s, got %v", tc.Expect.Error, walkErr)
				}
			} else if walkErr != nil {
				t.Fatal(walkErr)
			}
		})
	}
}

func TestPaginatorNextPageAndRules(t *testing.T) {
	calls := 0
	p := ksyun.NewPaginator(pageIn{}, func(ctx context.Context, in *pageIn) (*pageOut, error) {
		calls++
		return &pageOut{Items: []string{"a"}}, nil
	}, func(in *pageIn, out *pageOut) ([]string, bool) { return out.Items, false })
	if !p.HasMorePages() {
		t.Fatal("a new paginator has a page")
	}
	if out, err := p.NextPage(context.Background()); err != nil || len(out.Items) != 1 || p.HasMorePages() {
		t.Fatalf("one page: %v %v", out, err)
	}
	if _, err := p.NextPage(context.Background()); !errors.Is(err, ksyun.ErrNoMorePages) || calls != 1 {
		t.Fatalf("after the last page: %v, %d calls", err, calls)
	}
	cases := []struct {
		marker, count int
		total         *int
		next          int
		more          bool
	}{
		{0, 5, ksyun.Int(12), 5, true}, {10, 2, ksyun.Int(12), 12, false}, {0, 3, ksyun.Int(7), 3, true},
		{5, 2, nil, 7, true}, {7, 0, nil, 7, false}, {0, 0, ksyun.Int(9), 0, false}, {3, 4, ksyun.Int(5), 7, false},
	}
	for _, c := range cases {
		next, more := ksyun.NextMarker(&c.marker, c.count, c.total, ksyun.Int(5))
		if next != c.next || more != c.more {
			t.Errorf("NextMarker(%d, %d, %v) = %d %v, want %d %v", c.marker, c.count, c.total, next, more, c.next, c.more)
		}
	}
	if next, more := ksyun.NextMarker(nil, 4, nil, nil); next != 4 || !more {
		t.Errorf("a nil marker is 0: %d %v", next, more)
	}
	seen := map[string]bool{}
	for _, step := range []struct {
		tok  *string
		more bool
	}{{ksyun.String("a"), true}, {ksyun.String("b"), true}, {ksyun.String("a"), false}, {ksyun.String(""), false}, {nil, false}} {
		if _, more := ksyun.NextToken(seen, step.tok); more != step.more {
			t.Errorf("NextToken(%v) more=%v, want %v", step.tok, more, step.more)
		}
	}
}
