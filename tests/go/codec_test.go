package gotests

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"
	"testing"

	"github.com/ksyun-codegen/ksyun-sdk-go/ksyun"
)

// Values the Python SDK sends for these numbers (its flatten of a float field).
var pythonFloats = []struct {
	in   float64
	want string
}{
	{1.0, "1"}, {1e21, "1000000000000000000000"}, {0.1, "0.1"}, {1e-7, "1e-07"}, {123456.789, "123456.789"},
	{1e16, "10000000000000000"}, {0.0001, "0.0001"}, {0.00001, "1e-05"}, {math.Copysign(0, -1), "0"},
	{9007199254740992, "9007199254740992"}, {1e22, "10000000000000000000000"}, {5e-324, "5e-324"},
	{1234567.5, "1234567.5"}, {-2.5, "-2.5"}, {math.Inf(1), "inf"}, {math.Inf(-1), "-inf"}, {math.NaN(), "nan"},
	{1.5e300, "1500000000000000078757140382806630373056702871662238732373781173267703686983362293679557062620671796065556665749325817265413784853040645863467188277180060474272580801389863705606745350692182135089053429852456199917621678558451461320111979114170213741868888183230085264257173504208294580298189100810240"},
}

func TestFloatsAreFormattedAsPython(t *testing.T) {
	for _, tc := range pythonFloats {
		if got := ksyun.FormatFloat(tc.in); got != tc.want {
			t.Errorf("FormatFloat(%v) = %s, want %s", tc.in, got, tc.want)
		}
		p := ksyun.NewParams()
		p.Float("F", tc.in)
		if got, want := p.Encode(), "F="+tc.want; got != want {
			t.Errorf("Params.Float(%v) encodes %s, want %s", tc.in, got, want)
		}
	}
}

func TestParamsEncodingAndJSONFlattening(t *testing.T) {
	p := ksyun.NewParams()
	p.String("a", "é &=+ /~*'()!\x00")
	p.String("A", "1")
	p.String("a", "0")
	p.String("B.10", "x")
	p.String("B.9", "y")
	p.String("_", "1")
	p.Int("N", -42)
	p.Bool("T", true)
	p.Bool("F", false)
	// as Python's canonical_query sorts the same pairs
	want := "A=1&B.10=x&B.9=y&F=false&N=-42&T=true&_=1&a=%C3%A9%20%26%3D%2B%20%2F~%2A%27%28%29%21%00&a=0"
	if got := p.Encode(); got != want {
		t.Fatalf("\n got %s\nwant %s", got, want)
	}
	var free any
	dec := json.NewDecoder(strings.NewReader(`{"x": [1, {"y": null, "z": true}, 2.5, 3.0, 1e400, -0, 123456789012345678901234567890], "n": null, "e": [], "o": {}, "u": "é"}`))
	dec.UseNumber()
	if err := dec.Decode(&free); err != nil {
		t.Fatal(err)
	}
	q := ksyun.NewParams()
	q.JSON("A", free)
	q.JSON("S", struct {
		Name  string   `json:"Name"`
		Vals  []int    `json:"Vals"`
		Skip  *string  `json:"Skip"`
		Ratio float64  `json:"Ratio"`
		Tags  []string `json:"Tags,omitempty"`
	}{Name: "n", Vals: []int{7, 8}, Ratio: 2.0})
	q.JSON("G", []any{math.NaN(), math.Inf(1), 1.25, float32(0.1)})
	want = "A.u=%C3%A9&A.x.1=1&A.x.2.z=true&A.x.3=2.5&A.x.4=3&A.x.6=0&A.x.7=123456789012345678901234567890&G.3=1.25&G.4=0.1&S.Name=n&S.Ratio=2&S.Vals.1=7&S.Vals.2=8"
	if got := q.Encode(); got != want {
		t.Fatalf("\n got %s\nwant %s", got, want)
	}
	bad := ksyun.NewParams()
	bad.JSON("C", make(chan int))
	s := newServer(t)
	err := invoke(newClient(t, s.URL), run, bad)
	if ve, ok := as[*ksyun.ValidationError](err); !ok || ve.Type != "RunInstancesInput" || len(s.requests()) != 0 {
		t.Fatalf("a value JSON cannot hold: %v", err)
	}
}

// decodeRow is one response value read as a type: the value, or the message.
type decodeRow struct {
	kind, json string
	want       any // the decoded value, or a string starting with "ERR " and the message
}

// The Python SDK's (pydantic lax mode) answers for the same JSON.
var pythonDecoding = []decodeRow{
	{"str", `5`, "ERR Input should be a valid string"},
	{"str", `true`, "ERR Input should be a valid string"},
	{"str", `[]`, "ERR Input should be a valid string"},
	{"str", `"x"`, "x"},
	{"int", `"5"`, int64(5)}, {"int", `" 5 "`, int64(5)}, {"int", `"5.0"`, int64(5)}, {"int", `"5.00"`, int64(5)},
	{"int", `"+5"`, int64(5)}, {"int", `"-0"`, int64(0)}, {"int", `"5_000"`, int64(5000)}, {"int", `"\t7\n"`, int64(7)},
	{"int", `"\u00a05"`, int64(5)}, {"int", `5.0`, int64(5)}, {"int", `true`, int64(1)}, {"int", `false`, int64(0)},
	{"int", `9.2e18`, int64(9200000000000000000)}, {"int", `"-5.0"`, int64(-5)}, {"int", `"05"`, int64(5)},
	{"int", `"5.5"`, "ERR Input should be a valid integer, unable to parse string as an integer"},
	{"int", `"5."`, "ERR Input should be a valid integer, unable to parse string as an integer"},
	{"int", `"1e3"`, "ERR Input should be a valid integer, unable to parse string as an integer"},
	{"int", `"0x10"`, "ERR Input should be a valid integer, unable to parse string as an integer"},
	{"int", `"1__0"`, "ERR Input should be a valid integer, unable to parse string as an integer"},
	{"int", `""`, "ERR Input should be a valid integer, unable to parse string as an integer"},
	{"int", `"١٢"`, "ERR Input should be a valid integer, unable to parse string as an integer"},
	{"int", `5.5`, "ERR Input should be a valid integer, got a number with a fractional part"},
	{"int", `1e20`, "ERR Unable to parse input string as an integer, exceeded maximum size"},
	{"int", `[1]`, "ERR Input should be a valid integer"},
	{"float", `"1.5"`, 1.5}, {"float", `" 1.5 "`, 1.5}, {"float", `"1e3"`, 1000.0}, {"float", `"inf"`, math.Inf(1)},
	{"float", `"-inf"`, math.Inf(-1)}, {"float", `"Infinity"`, math.Inf(1)}, {"float", `true`, 1.0}, {"float", `5`, 5.0},
	{"float", `"1_000.5"`, 1000.5}, {"float", `99999999999999999999`, 1e20}, {"float", `"1."`, 1.0}, {"float", `".5"`, 0.5},
	{"float", `"1e400"`, math.Inf(1)}, {"float", `"1e5_0"`, 1e50},
	{"float", `""`, "ERR Input should be a valid number, unable to parse string as a number"},
	{"float", `"0x10"`, "ERR Input should be a valid number, unable to parse string as a number"},
	{"float", `"5_"`, "ERR Input should be a valid number, unable to parse string as a number"},
	{"float", `{}`, "ERR Input should be a valid number"},
	{"bool", `"true"`, true}, {"bool", `"True"`, true}, {"bool", `"TRUE"`, true}, {"bool", `"1"`, true}, {"bool", `"0"`, false},
	{"bool", `"yes"`, true}, {"bool", `"no"`, false}, {"bool", `"on"`, true}, {"bool", `"off"`, false}, {"bool", `"t"`, true},
	{"bool", `"f"`, false}, {"bool", `"y"`, true}, {"bool", `"n"`, false}, {"bool", `1`, true}, {"bool", `0`, false},
	{"bool", `1.0`, true}, {"bool", `0.0`, false}, {"bool", `"tRuE"`, true},
	{"bool", `2`, "ERR Input should be a valid boolean, unable to interpret input"},
	{"bool", `1.5`, "ERR Input should be a valid boolean"},
	{"bool", `""`, "ERR Input should be a valid boolean, unable to interpret input"},
	{"bool", `" true"`, "ERR Input should be a valid boolean, unable to interpret input"},
	{"bool", `"1.0"`, "ERR Input should be a valid boolean, unable to interpret input"},
	{"bool", `[]`, "ERR Input should be a valid boolean"},
	{"list", `null`, []int64{}},
	{"list", `"x"`, "ERR Input should be a valid list"},
	{"list", `{"a":1}`, "ERR Input should be a valid list"},
	{"list", `[1, null]`, "ERR Input should be a valid integer"},
	{"list", `[1, "2"]`, []int64{1, 2}},
}

func decodeOne(kind, text string) (any, string, string) {
	var body map[string]any
	dec := json.NewDecoder(strings.NewReader(`{"v": ` + text + `}`))
	dec.UseNumber()
	if err := dec.Decode(&body); err != nil {
		panic(err)
	}
	d := &ksyun.Decoder{}
	var got any
	switch kind {
	case "str":
		got = ksyun.Field(d, body, "v", false, ksyun.AsString)
	case "int":
		got = ksyun.Field(d, body, "v", false, ksyun.AsInt64)
	case "float":
		got = ksyun.Field(d, body, "v", false, ksyun.AsFloat64)
	case "bool":
		got = ksyun.Field(d, body, "v", false, ksyun.AsBool)
	case "list":
		got = ksyun.Value(d, body, "v", false, ksyun.ListOf(ksyun.AsInt64))
	}
	path, msg := d.Problem()
	return got, path, msg
}

func checkRow(t *testing.T, row decodeRow) {
	t.Helper()
	got, path, msg := decodeOne(row.kind, row.json)
	if want, isErr := row.want.(string); isErr && strings.HasPrefix(want, "ERR ") {
		if msg != want[4:] || !strings.HasPrefix(path, "v") {
			t.Errorf("%s %s: got %v (problem %q at %q), want the problem %q", row.kind, row.json, got, msg, path, want[4:])
		}
		return
	}
	if msg != "" {
		t.Errorf("%s %s: problem %q, want %v", row.kind, row.json, msg, row.want)
		return
	}
	var value any
	switch g := got.(type) {
	case *string:
		value = *g
	case *int64:
		value = *g
	case *float64:
		value = *g
	case *bool:
		value = *g
	case []int64:
		value = g
	}
	if list, ok := row.want.([]int64); ok {
		if canonical(got) != canonical(list) {
			t.Errorf("%s %s: got %v, want %v", row.kind, row.json, value, row.want)
		}
		return
	}
	if value != row.want {
		t.Errorf("%s %s: got %#v, want %#v", row.kind, row.json, value, row.want)
	}
}

func TestDecodingLeniencyIsPythons(t *testing.T) {
	for _, row := range pythonDecoding {
		checkRow(t, row)
	}
}

// canonical writes a decoded value as the pytest driver writes Python's.
func canonical(got any) string {
	switch g := got.(type) {
	case *string:
		return *g
	case *int64:
		return strconv.FormatInt(*g, 10)
	case *float64:
		return ksyun.FormatFloatRepr(*g)
	case *bool:
		return strconv.FormatBool(*g)
	case []int64:
		parts := make([]string, len(g))
		for i, n := range g {
			parts[i] = strconv.FormatInt(n, 10)
		}
		return strings.Join(parts, ",")
	}
	return fmt.Sprint(got)
}

// TestDecodingAgainstLivePython compares with what the Python SDK's
// runtime answers for the same rows, computed by the pytest driver
// (tests/test_go_runtime.py) just before: with KSYUN_DUMP_ROWS it writes
// the rows; with KSYUN_PY_CASES it reads Python's answers.
func TestDecodingAgainstLivePython(t *testing.T) {
	if dump := os.Getenv("KSYUN_DUMP_ROWS"); dump != "" {
		rows := map[string]any{}
		var dec [][2]string
		for _, r := range pythonDecoding {
			dec = append(dec, [2]string{r.kind, r.json})
		}
		var floats []string
		for _, f := range pythonFloats {
			floats = append(floats, strconv.FormatFloat(f.in, 'g', -1, 64))
		}
		rows["decoding"], rows["floats"] = dec, floats
		raw, _ := json.Marshal(rows)
		if err := os.WriteFile(dump, raw, 0o600); err != nil {
			t.Fatal(err)
		}
		return
	}
	path := os.Getenv("KSYUN_PY_CASES")
	if path == "" {
		t.Skip("KSYUN_PY_CASES not set: the pytest driver sets it")
	}
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var live struct {
		Decoding []struct{ Kind, JSON, Value, Error string }
		Floats   []struct{ In, Want string }
	}
	if err := json.Unmarshal(raw, &live); err != nil {
		t.Fatal(err)
	}
	if len(live.Decoding) != len(pythonDecoding) || len(live.Floats) != len(pythonFloats) {
		t.Fatalf("%d live rows for %d", len(live.Decoding), len(pythonDecoding))
	}
	for _, row := range live.Decoding {
		got, _, msg := decodeOne(row.Kind, row.JSON)
		switch {
		case row.Error != "" && msg != row.Error:
			t.Errorf("%s %s: Python says %q, Go %q", row.Kind, row.JSON, row.Error, msg)
		case row.Error == "" && msg != "":
			t.Errorf("%s %s: Python reads %s, Go fails: %s", row.Kind, row.JSON, row.Value, msg)
		case row.Error == "" && canonical(got) != row.Value:
			t.Errorf("%s %s: Python reads %s, Go %s", row.Kind, row.JSON, row.Value, canonical(got))
		}
	}
	for i, f := range live.Floats {
		if got := ksyun.FormatFloat(pythonFloats[i].in); got != f.Want {
			t.Errorf("%s: Python sends %s, Go %s", f.In, f.Want, got)
		}
	}
}

func TestRequiredAndNullMembers(t *testing.T) {
	d := &ksyun.Decoder{}
	body := map[string]any{"a": nil}
	if ksyun.Field(d, body, "a", false, ksyun.AsString) != nil || d.Failed() {
		t.Fatal("null optional member is nil, no problem")
	}
	if ksyun.Value(d, body, "absent", false, ksyun.ListOf(ksyun.AsString)) != nil || d.Failed() {
		t.Fatal("an absent list is empty")
	}
	ksyun.Field(d, map[string]any{"o": map[string]any{}}, "o", false, func(d *ksyun.Decoder, v any) (string, bool) {
		m, _ := ksyun.AsObject(d, v)
		p := ksyun.Field(d, m, "Need", true, ksyun.AsString)
		return ksyun.ToString(p), p != nil
	})
	if path, msg := d.Problem(); path != "o.Need" || msg != "Field required" {
		t.Fatalf("required and absent: %q %q", path, msg)
	}
}
