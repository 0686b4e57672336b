package dev.hotpath.servlet.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AcceptEncodingTest {
  @ParameterizedTest
  @CsvSource(delimiter = '|', nullValues = "NULL", value = {
    "gzip|true", "GZIP|true", "x-gzip|true", "deflate, gzip;q=0.5|true", "gzip ; q=1.000|true",
    "br, *|true", "*;q=0.001|true", "NULL|false", "''|false", "identity|false", "br, deflate|false",
    "gzip;q=0|false", "gzip;q=0.000|false", "gzip;Q=0|false", "gzip;q=0, *|false", "*;q=0|false",
    "gzip;q=2|false", "gzip;q=0.0001|false", "gzip;q=abc|false", "gzip;q=|false", "gzip;level=1|false",
    "gzipx|false", "xgzip|false"
  })
  void readsGzipAcceptance(String header, boolean allowed) {
    assertThat(AcceptEncoding.allowsGzip(header)).as(header).isEqualTo(allowed);
  }
}
