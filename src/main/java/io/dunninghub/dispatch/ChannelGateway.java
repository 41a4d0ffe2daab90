package io.dunninghub.dispatch;

import io.dunninghub.channel.DeliveryResult;
import io.dunninghub.channel.OutboundMessage;

/** Hands a rendered notice to its channel; in the daemon this is the Camel route {@code direct:channel.<name>}. */
@FunctionalInterface
public interface ChannelGateway {
    DeliveryResult send(OutboundMessage message);
}
