module github.com/ksyun-codegen/ksyun-sdk-go

go 1.23
