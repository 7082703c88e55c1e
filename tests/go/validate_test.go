package gotests

import (
	"testing"

	"github.com/ksyun-codegen/ksyun-sdk-go/ksyun"
)

func TestValidationMessagesArePythons(t *testing.T) {
	v := ksyun.NewValidator("R")
	v.Missing("A")
	v.String("b", "ab", &ksyun.StringRule{MinLength: ksyun.Int(3), MaxLength: ksyun.Int(5)})
	v.String("c", "x", &ksyun.StringRule{Pattern: ksyun.NewPattern(`^i-[a-z]+$`)})
	v.String("d", "z", &ksyun.StringRule{Enum: []string{"x", "y"}})
	v.Int("e", 0, &ksyun.NumberRule{Minimum: ksyun.Float64(1), Maximum: ksyun.Float64(10)})
	v.Float("f", 0.5, &ksyun.NumberRule{ExclusiveMinimum: ksyun.Float64(0.5), ExclusiveMaximum: ksyun.Float64(2)})
	v.Items("g", 0, &ksyun.ItemsRule{MinItems: ksyun.Int(1), MaxItems: ksyun.Int(2)})
	v.Int("h", 3, &ksyun.NumberRule{Enum: []float64{1, 2}})
	v.String("k", "abc", &ksyun.StringRule{Pattern: ksyun.NewPattern(`[0-9]`)})
	v.Float("m", 1.0, &ksyun.NumberRule{Minimum: ksyun.Float64(1.5)})
	v.Float("o", 3, &ksyun.NumberRule{Enum: []float64{1.5, 2}})
	v.String("p", "", &ksyun.StringRule{MinLength: ksyun.Int(1)})
	v.Items("q", 2, &ksyun.ItemsRule{MaxItems: ksyun.Int(1)})
	v.String("r", "a'b", &ksyun.StringRule{Enum: []string{"x'y", "z", "w"}})
	// the Python SDK's message for the same model, word for word
	want := "R: A: Field required; b: String should have at least 3 characters; c: String should match pattern '^i-[a-z]+$'; " +
		"d: Input should be 'x' or 'y'; e: Input should be greater than or equal to 1; f: Input should be greater than 0.5; " +
		"g: List should have at least 1 item after validation, not 0; h: Input should be 1 or 2; " +
		"k: String should match pattern '[0-9]'; m: Input should be greater than or equal to 1.5; o: Input should be 1.5 or 2; " +
		"p: String should have at least 1 character; q: List should have at most 1 item after validation, not 2; " +
		`r: Input should be "x'y", 'z' or 'w'`
	err := v.Err()
	ve, ok := as[*ksyun.ValidationError](err)
	if !ok || err.Error() != want || len(ve.Problems) != 14 {
		t.Fatalf("\n got %v\nwant %s", err, want)
	}
	w := ksyun.NewValidator("R")
	w.String("b", "abcdef", &ksyun.StringRule{MaxLength: ksyun.Int(5)})
	w.Int("e", 11, &ksyun.NumberRule{Maximum: ksyun.Float64(10)})
	w.Float("f", 2, &ksyun.NumberRule{ExclusiveMaximum: ksyun.Float64(2)})
	want = "R: b: String should have at most 5 characters; e: Input should be less than or equal to 10; f: Input should be less than 2"
	if w.Err() == nil || w.Err().Error() != want {
		t.Fatalf("\n got %v\nwant %s", w.Err(), want)
	}
}

func TestValidInputsPass(t *testing.T) {
	v := ksyun.NewValidator("R")
	v.String("b", "中文字", &ksyun.StringRule{MinLength: ksyun.Int(3), MaxLength: ksyun.Int(3)})
	v.String("b", "😀😀😀", &ksyun.StringRule{MaxLength: ksyun.Int(3)})
	v.String("b", "e\u0301e", &ksyun.StringRule{MaxLength: ksyun.Int(3)})
	v.String("c", "i-abc", &ksyun.StringRule{Pattern: ksyun.NewPattern(`^i-[a-z]+$`)})
	v.String("k", "a1", &ksyun.StringRule{Pattern: ksyun.NewPattern(`[0-9]`)})
	v.String("u", "١٢", &ksyun.StringRule{Pattern: ksyun.NewPattern(`^\d+$`)}) // Unicode digits, as Python's engine
	v.String("s", "a\u3000b", &ksyun.StringRule{Pattern: ksyun.NewPattern(`^a\sb$`)})
	v.String("w", "日本", &ksyun.StringRule{Pattern: ksyun.NewPattern(`^[\w]+$`)})
	v.Int("e", 10, &ksyun.NumberRule{Minimum: ksyun.Float64(1), Maximum: ksyun.Float64(10)})
	v.Int("h", 2, &ksyun.NumberRule{Enum: []float64{1, 2}})
	v.Items("g", 2, &ksyun.ItemsRule{MinItems: ksyun.Int(1), MaxItems: ksyun.Int(2)})
	v.String("n", "anything", nil)
	if err := v.Err(); err != nil {
		t.Fatal(err)
	}
	n := ksyun.NewValidator("R")
	n.String("c", "i-abc\n", &ksyun.StringRule{Pattern: ksyun.NewPattern(`^i-[a-z]+$`)}) // $ is the end of the text
	if n.Err() == nil {
		t.Fatal("a trailing newline does not match $, as in the Python SDK")
	}
	bad := ksyun.NewValidator("R")
	bad.String("c", "x", &ksyun.StringRule{Pattern: ksyun.NewPattern(`(`)})
	if bad.Err() == nil {
		t.Fatal("a pattern that does not compile is a problem, not a pass")
	}
}
