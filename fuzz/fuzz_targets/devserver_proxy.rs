#![no_main]
libfuzzer_sys::fuzz_target!(|data: &[u8]| dimona_fuzz::devserver_proxy(data));
