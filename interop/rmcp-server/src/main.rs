//! An rmcp server whose tools change at run time: by its `add_tool` tool, or on SIGUSR1 from outside any request.
mod catalogue;
mod server;

use std::error::Error;

use rmcp::{
    ServiceExt,
    transport::{
        stdio,
        streamable_http_server::{StreamableHttpServerConfig, StreamableHttpService, session::local::LocalSessionManager},
    },
};
use tokio::signal::unix::{SignalKind, signal};

use crate::{catalogue::Catalogue, server::Server};

#[tokio::main]
async fn main() -> Result<(), Box<dyn Error>> {
    let args: Vec<String> = std::env::args().collect();
    let catalogue = Catalogue::new();

    let mut usr1 = signal(SignalKind::user_defined1())?;
    let outside = catalogue.clone();
    tokio::spawn(async move {
        while usr1.recv().await.is_some() {
            outside.add(None).await;
        }
    });

    if args.iter().any(|a| a == "--sse") {
        return Err("rmcp has no legacy HTTP+SSE server transport".into());
    }
    if args.iter().any(|a| a == "--http") {
        let port = port(&args)?;
        serve_http(catalogue, port).await
    } else {
        let running = Server { catalogue }.serve(stdio()).await?;
        running.waiting().await?;
        Ok(())
    }
}

async fn serve_http(catalogue: Catalogue, port: u16) -> Result<(), Box<dyn Error>> {
    let service: StreamableHttpService<Server, LocalSessionManager> = StreamableHttpService::new(
        move || Ok(Server { catalogue: catalogue.clone() }),
        Default::default(),
        StreamableHttpServerConfig::default(),
    );
    let router = axum::Router::new().nest_service("/mcp", service);
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", port)).await?;
    axum::serve(listener, router).await?;
    Ok(())
}

fn port(args: &[String]) -> Result<u16, Box<dyn Error>> {
    let at = args.iter().position(|a| a == "--port").ok_or("--http needs --port N")?;
    Ok(args.get(at + 1).ok_or("--port needs a number")?.parse()?)
}
