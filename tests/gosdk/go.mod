module ksyuncodegen.test/gosdk

go 1.23

require github.com/ksyun-codegen/ksyun-sdk-go v0.0.0

replace github.com/ksyun-codegen/ksyun-sdk-go => ../../generated/go
