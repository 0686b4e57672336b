package dev.hotpath.spring.boot;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;

/** A Boot application with nothing but auto-configuration, as a user's would start. */
@SpringBootConfiguration
@EnableAutoConfiguration
class PoolApp {}
