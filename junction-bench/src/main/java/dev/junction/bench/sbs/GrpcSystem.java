package dev.junction.bench.sbs;

import dev.junction.cli.bench.Caller;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;

/**
 * gRPC-java 1.85 unary calls over grpc-netty-shaded (HTTP/2, plaintext), a hand-written UTF-8
 * string marshaller instead of protobuf, and a direct executor on both sides (handlers and
 * callbacks on the transport threads).
 */
final class GrpcSystem implements BenchSystem {
    private static final MethodDescriptor.Marshaller<String> UTF8 = new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(String value) {
            return new ByteArrayInputStream(value.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public String parse(InputStream stream) {
            try {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    };

    private static final MethodDescriptor<String, String> ECHO = MethodDescriptor.<String, String>newBuilder()
            .setType(MethodDescriptor.MethodType.UNARY)
            .setFullMethodName("bench.Echo/Echo")
            .setRequestMarshaller(UTF8)
            .setResponseMarshaller(UTF8)
            .build();

    @Override
    public String name() {
        return "grpc";
    }

    @Override
    public Server start() throws IOException {
        ServerServiceDefinition service = ServerServiceDefinition.builder("bench.Echo")
                .addMethod(ECHO, ServerCalls.asyncUnaryCall((String request, StreamObserver<String> answer) -> {
                    answer.onNext(request);
                    answer.onCompleted();
                }))
                .build();
        io.grpc.Server server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                .directExecutor()
                .addService(service)
                .build()
                .start();
        String address = "127.0.0.1:" + server.getPort();
        return new Server() {
            @Override
            public String address() {
                return address;
            }

            @Override
            public void close() {
                server.shutdownNow();
            }
        };
    }

    @Override
    public Caller connect(String address, String payload) {
        int colon = address.lastIndexOf(':');
        ManagedChannel channel = NettyChannelBuilder.forAddress(
                        address.substring(0, colon), Integer.parseInt(address.substring(colon + 1)))
                .usePlaintext()
                .directExecutor()
                .build();
        channel.getState(true);
        return new Caller() {
            @Override
            public void call(Completion done) {
                ClientCalls.asyncUnaryCall(
                        channel.newCall(ECHO, CallOptions.DEFAULT), payload, new Answer(done, payload));
            }

            @Override
            public void close() {
                channel.shutdownNow();
                try {
                    channel.awaitTermination(5, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
    }

    /** Completes one call: with the echo check on its answer, or with its error. */
    private static final class Answer implements StreamObserver<String> {
        private final Caller.Completion done;
        private final String payload;
        private Throwable verdict = new IllegalStateException("no answer");

        Answer(Caller.Completion done, String payload) {
            this.done = done;
            this.payload = payload;
        }

        @Override
        public void onNext(String value) {
            verdict = EchoCheck.verify(payload, value);
        }

        @Override
        public void onError(Throwable t) {
            done.done(t);
        }

        @Override
        public void onCompleted() {
            done.done(verdict);
        }
    }
}
