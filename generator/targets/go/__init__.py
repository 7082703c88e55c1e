"""The Go target: names (names.py) and the target with its body writers and gofmt
(target.py); the runtime is plain Go under templates/go/ksyun/."""
