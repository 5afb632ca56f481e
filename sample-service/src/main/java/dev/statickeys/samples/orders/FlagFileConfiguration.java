package dev.statickeys.samples.orders;

import dev.openfeature.contrib.providers.flagd.Config;
import dev.openfeature.contrib.providers.flagd.FlagdOptions;
import dev.openfeature.contrib.providers.flagd.FlagdProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * With {@code orders.flag-file=<path>}: the flagd OpenFeature provider in file mode, the way a flag file
 * mounted from a ConfigMap is read in a pod. The statickeys starter finds this provider bean and binds every
 * key to the flag of the same name; a key whose flag is not in the file is reported once and left alone,
 * so the other channels still flip it. The provider polls the file every {@code orders.flag-poll-ms}
 * milliseconds (default 200) and must have read it within {@code orders.flag-deadline-ms} (default 10 s;
 * flagd's own default, 1 s, is short for a start-up on a busy small machine, after which the provider is in
 * {@code ERROR} and the keys stay where they are until it recovers).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty("orders.flag-file")
class FlagFileConfiguration {
    @Bean
    FlagdProvider flagFileProvider(@Value("${orders.flag-file}") String path,
            @Value("${orders.flag-poll-ms:200}") int pollMillis,
            @Value("${orders.flag-deadline-ms:10000}") int deadlineMillis) {
        return new FlagdProvider(FlagdOptions.builder().resolverType(Config.Resolver.FILE)
                .offlineFlagSourcePath(path).offlinePollIntervalMs(pollMillis).deadline(deadlineMillis).build());
    }
}
